import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import type { VariableSpec } from '@hub/platform/variables'
import { reportDrift, writeGenerated } from '@hub/subgraph-kit/codegen/generated-file'
import { auditVariables, migrationVariables } from '@hub/subgraph-kit/config'
import { variables as gatewayVariables } from '../gateway/src/config.js'
import { variables as educationVariables } from '../subgraphs/education/src/config.js'
import { variables as healthVariables } from '../subgraphs/health/src/config.js'
import { variables as ngoVariables } from '../subgraphs/ngo/src/config.js'
import { variables as socialVariables } from '../subgraphs/social/src/config.js'
import { renderPolicyLegend, renderPolicyTable } from './policy-tables.js'

const root = fileURLToPath(new URL('..', import.meta.url))

export type ServiceName = 'gateway' | SubgraphName
export const SERVICE_NAMES: readonly ServiceName[] = ['gateway', ...SUBGRAPH_NAMES]

/** One line of a service's environment, as its `.env.example` and its README give it. */
interface DocumentedVariable extends VariableSpec {
  /** Who must set it in a deployment: the service itself, or only the job that migrates its database. */
  requiredBy: 'service' | 'migration job' | null
  /** What a deployment writes, where that is a fixed value rather than its own address or secret. */
  deploymentValue?: string
}

/** Read by every service directly (`readVariables` and the configs), so in no service's list; the image sets it. */
const NODE_ENV: DocumentedVariable = {
  name: 'NODE_ENV',
  description:
    'Set to production in a deployment (the image sets it): the variables marked required must then be set, nothing migrates at start, introspection is off and errors carry no suggestions; unset means development',
  requiredInDeployment: true,
  requiredBy: 'service',
  deploymentValue: 'production',
}

/**
 * The groups a service's variables are shown in, each by the variable's name without the service's prefix. Every
 * variable falls into exactly one group, so a new variable fails `npm run generate` until it is given one here.
 */
const GROUPS: readonly { title: string; names: RegExp }[] = [
  { title: 'Mode', names: /^NODE_ENV$/ },
  { title: 'Serving', names: /^(HOST|PORT|WORKERS|SUPERGRAPH_PATH|DASHBOARD_DIR|INTROSPECTION)$/ },
  { title: 'Database', names: /^(DATABASE_URL|DATA_DIR|DB_POOL_SIZE|STATEMENT_TIMEOUT_MS)$/ },
  { title: 'Migrations', names: /^(MIGRATE_AT_START|MIGRATION_DATABASE_URL|RUNTIME_ROLE)$/ },
  {
    title: 'Sign-in and keys',
    names:
      /^(JWKS|SERVICE_JWKS|JWT_ISSUER|JWT_AUDIENCE|SERVICE_KEY|HUB_DEV_KEYS_DIR|OIDC_ISSUER|OIDC_CLIENT_ID|OIDC_SCOPE)$/,
  },
  {
    title: 'Calls to the other services',
    names:
      /^((SOCIAL|HEALTH|EDUCATION|NGO)_(URL|TIMEOUT_MS)|SUBGRAPH_(TIMEOUT_MS|RETRIES|RETRY_BASE_MS)|CIRCUIT_(FAILURES|OPEN_MS)|MERGE_(RETRY|TIMEOUT)_MS|SIGNAL_(RETRY|TIMEOUT)_MS)$/,
  },
  { title: "The region's rules", names: /^(HUB_TIME_ZONE|SIGNAL_ICD10|TRANSITION_AGE_MONTHS)$/ },
  {
    title: 'Deadline notifications and the e-mail digest',
    names: /^(NOTIFY_DAYS_AHEAD|NOTIFY_SWEEP_MS|DIGEST_AT|SMTP_URL|MAIL_FROM|SCREENS_URL)$/,
  },
  { title: 'Printed documents', names: /^OPERATOR_(NAME|ADDRESS)$/ },
  {
    title: 'Events for ministry systems (webhooks)',
    names: /^WEBHOOK_(RETRY_MS|RETRY_MAX_MS|MAX_ATTEMPTS|TIMEOUT_MS)$/,
  },
  { title: 'Signed scans (attachments)', names: /^(ATTACHMENTS_[A-Z0-9_]+|MAX_ATTACHMENT_BYTES)$/ },
  {
    title: 'Limits per request and per caller',
    names:
      /^(MAX_(DEPTH|ALIASES|TOKENS|DIRECTIVES|COST|BATCH_OPERATIONS|BODY_BYTES)|RATE_LIMIT_(REQUESTS|WINDOW_MS)|WORK_(CONCURRENT|PER_MINUTE))$/,
  },
  {
    title: 'HTTP connections',
    names:
      /^(HEADERS_TIMEOUT_MS|REQUEST_TIMEOUT_MS|KEEP_ALIVE_TIMEOUT_MS|MAX_CONNECTIONS|ADDRESS_RATE_LIMIT_(REQUESTS|WINDOW_MS))$/,
  },
  { title: 'Logs, metrics, traces', names: /^(LOG_LEVEL|TRACING|OTLP_TRACES_URL|METRICS_TOKEN)$/ },
]

const SERVICE_VARIABLES: Record<ServiceName, readonly VariableSpec[]> = {
  gateway: gatewayVariables,
  social: socialVariables,
  health: healthVariables,
  education: educationVariables,
  ngo: ngoVariables,
}

export function serviceFolder(name: ServiceName) {
  return name === 'gateway' ? 'gateway' : `subgraphs/${name}`
}

/**
 * Every variable the service's processes read: the service itself and, for a subgraph, its `manage` entry (migrate,
 * verify-audit), which reads part of the same names and requires the owner's connection in a deployment.
 */
function documentedVariables(name: ServiceName): DocumentedVariable[] {
  const tools = name === 'gateway' ? [] : [...migrationVariables(name), ...auditVariables(name)]
  const byName = new Map<string, DocumentedVariable>([[NODE_ENV.name, { ...NODE_ENV }]])
  for (const spec of SERVICE_VARIABLES[name]) {
    byName.set(spec.name, { ...spec, requiredBy: spec.requiredInDeployment ? 'service' : null })
  }
  for (const spec of tools) {
    const known = byName.get(spec.name)
    if (known === undefined) {
      byName.set(spec.name, { ...spec, requiredBy: spec.requiredInDeployment ? 'migration job' : null })
    } else if (known.requiredBy === null && spec.requiredInDeployment) {
      known.requiredBy = 'migration job'
    }
  }
  return [...byName.values()]
}

function groupOf(service: ServiceName, variable: VariableSpec) {
  const prefix = `${service.toUpperCase()}_`
  const rest = variable.name.startsWith(prefix) ? variable.name.slice(prefix.length) : variable.name
  const groups = GROUPS.filter((group) => group.names.test(rest))
  if (groups.length !== 1) {
    throw new Error(
      `${variable.name}: ${groups.length === 0 ? 'no group' : `${groups.length} groups`} in scripts/service-docs.ts GROUPS; give it exactly one`,
    )
  }
  return groups[0]!
}

/** The service's variables by group, in the order of GROUPS, each group in the order the code lists them. */
function groupedVariables(name: ServiceName) {
  const variables = documentedVariables(name)
  return GROUPS.map((group) => ({
    title: group.title,
    variables: variables.filter((variable) => groupOf(name, variable) === group),
  })).filter((group) => group.variables.length > 0)
}

function requirement(variable: DocumentedVariable) {
  if (variable.requiredBy === null) return ''
  const who = variable.requiredBy === 'service' ? '' : ' by the migration job (manage.mjs migrate)'
  const fallback = variable.default === undefined ? '' : ` (development default: ${variable.default})`
  return `Required in a deployment${who}${fallback}.`
}

/** Words wrapped into `# ` comment lines of at most `width` characters. */
function commentLines(text: string, width = 118) {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width - 2) {
      lines.push(`# ${line}`)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  lines.push(`# ${line}`)
  return lines
}

function envLine(variable: DocumentedVariable) {
  if (variable.requiredBy !== null) return `${variable.name}=${variable.deploymentValue ?? ''}`
  return `# ${variable.name}=${variable.default ?? ''}`
}

const TITLES: Record<ServiceName, string> = {
  gateway: 'the gateway',
  social: 'the social subgraph',
  health: 'the health subgraph',
  education: 'the education subgraph',
  ngo: 'the ngo subgraph',
}

function renderEnvExample(name: ServiceName) {
  const header = [
    `# Environment of ${TITLES[name]}: every variable its code reads, generated by \`npm run generate\``,
    '# (scripts/service-docs.ts) from its configuration; do not edit. One NAME=value a line, as `docker run --env-file`',
    '# and the env_file of Docker Compose read it, without quotes.',
    '#',
    '# A line that is not commented out must be set in a deployment (NODE_ENV=production), or the service refuses to',
    '# start. A commented-out line may stay so: it shows the default (or nothing, when unset means what the comment says).',
  ]
  const groups = groupedVariables(name).map(({ title, variables }) =>
    [
      `# ── ${title} ──`,
      ...variables.flatMap((variable) => [
        '',
        ...commentLines([`${variable.description}.`, requirement(variable)].filter((part) => part !== '').join(' ')),
        envLine(variable),
      ]),
    ].join('\n'),
  )
  return `${[header.join('\n'), ...groups].join('\n\n')}\n`
}

/** A table cell: no column separator, and a placeholder such as `<NAME>_SERVICE_JWKS` as code, not an HTML tag. */
function cell(text: string) {
  return text.replace(/\|/g, '\\|').replace(/[^\s(]*<[^>\s]+>[^\s),;]*/g, (placeholder) => code(placeholder))
}

function code(text: string) {
  return `\`${text}\``
}

/** The service's variables as Markdown tables, one per group, for its README. */
function renderVariableTables(name: ServiceName) {
  return groupedVariables(name)
    .flatMap(({ title, variables }) => [
      `**${title}**`,
      '',
      '| Variable | Default | In a deployment | Meaning |',
      '| --- | --- | --- | --- |',
      ...variables.map((variable) => {
        const required =
          variable.requiredBy === null
            ? '—'
            : `required${variable.requiredBy === 'service' ? '' : ` (${variable.requiredBy})`}`
        const value =
          variable.deploymentValue === undefined ? required : `${required}: ${code(variable.deploymentValue)}`
        return `| ${code(variable.name)} | ${variable.default === undefined ? 'unset' : code(variable.default)} | ${value} | ${cell(variable.description)} |`
      }),
      '',
    ])
    .join('\n')
    .trimEnd()
}

const END = '<!-- /generated -->'

/** Puts `content` between `<!-- generated: <section> -->` and the next `<!-- /generated -->` of a README. */
function fillSection(path: string, readme: string, section: string, content: string) {
  const start = `<!-- generated: ${section} -->`
  const from = readme.indexOf(start)
  const to = from === -1 ? -1 : readme.indexOf(END, from)
  if (to === -1) throw new Error(`${path}: needs a section "${start}" … "${END}"`)
  return `${readme.slice(0, from + start.length)}\n\n${content}\n\n${readme.slice(to)}`
}

/** The service's README with its generated sections filled in, formatted as `npm run lint` wants it. */
async function renderReadme(name: ServiceName, readme: string) {
  const path = `${root}${serviceFolder(name)}/README.md`
  let text = fillSection(path, readme, 'variables', renderVariableTables(name))
  if (name !== 'gateway') {
    text = fillSection(path, text, 'access', `${renderPolicyTable(name)}\n\n${renderPolicyLegend(name)}`)
  }
  return format(text, { ...(await resolveConfig(path)), filepath: path })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check')
  const problems: (string | undefined)[] = []
  for (const name of SERVICE_NAMES) {
    const folder = `${root}${serviceFolder(name)}`
    problems.push(writeGenerated(`${folder}/.env.example`, renderEnvExample(name), check))
    const readme = `${folder}/README.md`
    problems.push(writeGenerated(readme, await renderReadme(name, readFileSync(readme, 'utf8')), check))
  }
  reportDrift(problems)
  if (!check) console.log(`wrote .env.example and the generated parts of README.md of ${SERVICE_NAMES.join(', ')}`)
}
