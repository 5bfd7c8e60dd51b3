import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { variables as gatewayVariables } from '../../gateway/src/config.js'
import { loadMigrationConfig, migrationVariables } from '@hub/subgraph-kit/config'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { timeZoneVariable } from '@hub/platform/region-time-config'
import { type VariableSpec } from '@hub/platform/variables'
import { SERVICE_ENTRIES } from '../../scripts/build-services.js'
import {
  loadConfig as loadEducationConfig,
  variables as educationVariables,
} from '../../subgraphs/education/src/config.js'
import { loadConfig as loadHealthConfig, variables as healthVariables } from '../../subgraphs/health/src/config.js'
import { loadConfig as loadNgoConfig, variables as ngoVariables } from '../../subgraphs/ngo/src/config.js'
import { loadConfig as loadSocialConfig, variables as socialVariables } from '../../subgraphs/social/src/config.js'

// Docker cannot run where the tests run, so these tests read docker-compose.yml the way
// Compose would and hold it to what the services' config.ts files declare.

type Scalar = string | number | boolean | null

interface Dependency {
  condition?: string
  required?: boolean
}

interface ComposeService {
  image?: string
  build?: unknown
  command?: string | string[]
  environment?: Record<string, Scalar> | string[]
  depends_on?: string[] | Record<string, Dependency | null>
  networks?: string[] | Record<string, unknown>
  ports?: (string | number | { target?: number; published?: string | number })[]
  healthcheck?: { test?: string | string[]; disable?: boolean }
  secrets?: (string | { source: string; target?: string })[]
  restart?: string
  stop_grace_period?: string
  logging?: { driver?: string; options?: Record<string, string> }
  volumes?: (string | { type?: string; source?: string; target?: string })[]
}

interface ComposeFile {
  services: Record<string, ComposeService>
  secrets?: Record<string, { file?: string; environment?: string }>
  networks?: Record<string, { internal?: boolean } | null>
  volumes?: Record<string, unknown>
}

const root = new URL('../../', import.meta.url)
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true }) as ComposeFile

const subgraphVariables: Record<SubgraphName, readonly VariableSpec[]> = {
  social: socialVariables,
  health: healthVariables,
  education: educationVariables,
  ngo: ngoVariables,
}
const applications: Record<string, readonly VariableSpec[]> = { ...subgraphVariables, gateway: gatewayVariables }
const applicationNames = Object.keys(applications)
/** Each subgraph's migration job: it runs once before its subgraph and exits. */
const migrationJob = (name: SubgraphName) => `${name}-migrate`
const jobNames: readonly string[] = SUBGRAPH_NAMES.map(migrationJob)
const subgraphConfigLoaders: Record<
  SubgraphName,
  (env: NodeJS.ProcessEnv) => { auth: { keys: unknown; serviceKeys?: { keys: unknown } } }
> = {
  social: loadSocialConfig,
  health: loadHealthConfig,
  education: loadEducationConfig,
  ngo: loadNgoConfig,
}

function service(name: string): ComposeService {
  const found = compose.services[name]
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`)
  return found
}

/** A service's environment as Compose hands it to the container, before interpolation. */
function environmentOf(name: string): Record<string, string> {
  const environment = service(name).environment ?? {}
  const entries = Array.isArray(environment)
    ? environment.map((line) => {
        const equals = line.indexOf('=')
        return equals === -1 ? [line, ''] : [line.slice(0, equals), line.slice(equals + 1)]
      })
    : Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)])
  return Object.fromEntries(entries) as Record<string, string>
}

function variable(name: string, key: string) {
  const value = environmentOf(name)[key]
  if (value === undefined) throw new Error(`service "${name}" does not set ${key}`)
  return value
}

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g

/** Stand-ins for the variables whose value a config checks for its form rather than only passes on. */
const STAND_INS: Readonly<Record<string, string>> = { [timeZoneVariable.name]: 'Asia/Vladivostok' }

/** Compose's interpolation, with every variable standing for a value that names it (or a well-formed stand-in). */
function interpolate(value: string) {
  return value.replace(REFERENCE, (match, braced?: string, _operator?: string, _argument?: string, bare?: string) => {
    const name = braced ?? bare
    return name === undefined ? '$' : (STAND_INS[name] ?? `value-of-${name}`)
  })
}

/** The variables a value takes from the environment, and whether Compose refuses to start without each. */
function references(value: string) {
  return [...value.matchAll(REFERENCE)]
    .filter((match) => match[0] !== '$$')
    .map((match) => ({ name: match[1] ?? match[4] ?? '', required: match[2] === ':?' }))
}

function networksOf(name: string) {
  const networks = service(name).networks
  if (networks === undefined) return ['default']
  return Array.isArray(networks) ? networks : Object.keys(networks)
}

function dependenciesOf(name: string): Record<string, Dependency> {
  const dependsOn = service(name).depends_on ?? []
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((dependency) => [dependency, {}]))
  return Object.fromEntries(Object.entries(dependsOn).map(([dependency, options]) => [dependency, options ?? {}]))
}

function healthcheckOf(name: string) {
  const test = service(name).healthcheck?.test
  if (test === undefined) return []
  return typeof test === 'string' ? ['CMD-SHELL', test] : test
}

/** What every service reads that a region sets once for all of them, though each has a default: its time zone. */
const REGION_WIDE: readonly string[] = [timeZoneVariable.name]

/** The variables a deployment gives a service: those its config requires in production, and the region-wide ones. */
function deployed(specs: readonly VariableSpec[]) {
  return specs
    .filter((spec) => spec.requiredInDeployment || REGION_WIDE.includes(spec.name))
    .map((spec) => spec.name)
    .sort()
}

function secretsOf(name: string) {
  return (service(name).secrets ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.source))
}

/** A Compose duration (`1m30s`, `45s`) in seconds. */
function seconds(duration: string) {
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|us|h|m|s)/g)]
  expect(parts.map((part) => part[0]).join(''), duration).toBe(duration)
  const unit = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001 } as const
  return parts.reduce((sum, [, amount, suffix]) => sum + Number(amount) * unit[suffix as keyof typeof unit], 0)
}

/** The named volumes a service mounts: a source that is not a path of the host. */
function namedVolumesOf(name: string) {
  return (service(name).volumes ?? [])
    .map((entry) => (typeof entry === 'string' ? entry.split(':')[0]! : (entry.source ?? '')))
    .filter((source) => source !== '' && !/^[./~]/.test(source))
}

function databaseUrlOf(name: SubgraphName) {
  return new URL(interpolate(variable(name, `${name.toUpperCase()}_DATABASE_URL`)))
}

function migrationUrlOf(name: SubgraphName) {
  return new URL(interpolate(variable(migrationJob(name), `${name.toUpperCase()}_MIGRATION_DATABASE_URL`)))
}

describe('docker-compose.yml', () => {
  it('gives every subgraph exactly the variables its config requires, and the region-wide time zone', () => {
    for (const name of SUBGRAPH_NAMES) expect(deployed(subgraphVariables[name])).not.toEqual([])
    const given = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, Object.keys(environmentOf(name)).sort()]))
    const wanted = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, deployed(subgraphVariables[name])]))
    expect(given).toEqual(wanted)
  })

  it('gives the gateway exactly the variables its config requires, and the region-wide time zone', () => {
    expect(deployed(gatewayVariables)).not.toEqual([])
    expect(Object.keys(environmentOf('gateway')).sort()).toEqual(deployed(gatewayVariables))
  })

  it('makes every service listen on all interfaces inside its container', () => {
    for (const name of applicationNames) expect(variable(name, `${name.toUpperCase()}_HOST`), name).toBe('0.0.0.0')
  })

  it("points each subgraph's database URL at its own database service and no other", () => {
    for (const name of SUBGRAPH_NAMES) {
      const url = databaseUrlOf(name)
      const databaseService = `${name}-db`
      const database = environmentOf(databaseService)
      expect(url.protocol, name).toMatch(/^postgres(ql)?:$/)
      expect(url.hostname, name).toBe(databaseService)
      expect(url.port || '5432', name).toBe('5432')
      expect(url.username, name).toBe(database.HUB_RUNTIME_ROLE)
      expect(url.pathname, name).toBe(`/${interpolate(database.POSTGRES_DB ?? database.POSTGRES_USER ?? 'postgres')}`)
      expect(service(databaseService).image, databaseService).toBe('postgres:15')

      const otherServices = Object.keys(compose.services).filter(
        (other) => other !== name && other !== migrationJob(name),
      )
      for (const other of otherServices) {
        const mentions = Object.values(environmentOf(other)).filter((value) => value.includes(`@${databaseService}`))
        expect(mentions, `${other} must not reach ${databaseService}`).toEqual([])
      }
    }
  })

  it("starts each subgraph only once its own database is healthy and its migration job succeeded, and no other's", () => {
    for (const name of SUBGRAPH_NAMES) {
      expect(dependenciesOf(name), name).toEqual({
        [`${name}-db`]: { condition: 'service_healthy' },
        [migrationJob(name)]: { condition: 'service_completed_successfully' },
      })
      expect(dependenciesOf(migrationJob(name)), name).toEqual({ [`${name}-db`]: { condition: 'service_healthy' } })
    }
  })

  it('gives each migration job exactly the variables `npm run migrate` requires, and loads them in production', () => {
    for (const name of SUBGRAPH_NAMES) {
      const job = migrationJob(name)
      expect(Object.keys(environmentOf(job)).sort(), job).toEqual(deployed(migrationVariables(name)))
      const env = Object.fromEntries(
        Object.entries(environmentOf(job)).map(([key, value]) => [key, interpolate(value)]),
      )
      expect(loadMigrationConfig(name, { NODE_ENV: 'production', ...env }).runtimeRole, job).toBe(`${name}_app`)
      expect(service(job).command, job).toEqual(['node', `subgraphs/${name}/dist/manage.mjs`, 'migrate'])
      expect(service(job).image, job).toBe(service(name).image)
      expect(service(job).restart, job).toBe('on-failure')
      expect(networksOf(job), job).toEqual([`${name}-net`])
    }
  })

  it('migrates as the owner role and serves as the runtime role, both made by the init step and neither the superuser', () => {
    for (const name of SUBGRAPH_NAMES) {
      const databaseService = `${name}-db`
      const database = environmentOf(databaseService)
      const owner = database.HUB_OWNER_ROLE
      const runtime = database.HUB_RUNTIME_ROLE
      expect(new Set([owner, runtime, database.POSTGRES_USER]).size, databaseService).toBe(3)
      expect(migrationUrlOf(name).username, name).toBe(owner)
      expect(migrationUrlOf(name).hostname, name).toBe(databaseService)
      expect(databaseUrlOf(name).username, name).toBe(runtime)
      expect(variable(migrationJob(name), `${name.toUpperCase()}_RUNTIME_ROLE`), name).toBe(runtime)
      // Each role's password is its own required variable, given to the init step and to the role's one user.
      for (const [role, url, user] of [
        ['OWNER', migrationUrlOf(name), migrationJob(name)],
        ['RUNTIME', databaseUrlOf(name), name],
      ] as const) {
        const [reference] = references(variable(databaseService, `HUB_${role}_PASSWORD`))
        expect(reference, `${databaseService} HUB_${role}_PASSWORD`).toEqual({
          name: `${name.toUpperCase()}_${role}_PASSWORD`,
          required: true,
        })
        expect(decodeURIComponent(url.password), user).toBe(`value-of-${reference?.name}`)
      }
      expect(service(databaseService).volumes, databaseService).toContain(
        './scripts/postgres/create-roles.sh:/docker-entrypoint-initdb.d/create-roles.sh:ro',
      )
      expect(existsSync(new URL('scripts/postgres/create-roles.sh', root))).toBe(true)
    }
  })

  it('keeps each database on networks it shares only with its own subgraph', () => {
    for (const name of SUBGRAPH_NAMES) {
      const databaseService = `${name}-db`
      for (const network of networksOf(databaseService)) {
        const members = Object.keys(compose.services).filter((other) => networksOf(other).includes(network))
        expect(members.sort(), `network ${network}`).toEqual([databaseService, name, migrationJob(name)].sort())
        expect(compose.networks?.[network]?.internal, `network ${network} has no route out`).toBe(true)
      }
    }
  })

  it('takes every database password from a required environment variable, and gives no service the superuser’s', () => {
    const passwordVariables = SUBGRAPH_NAMES.flatMap((name) => {
      const databaseService = `${name}-db`
      expect(environmentOf(databaseService).POSTGRES_HOST_AUTH_METHOD, databaseService).toBeUndefined()
      const passwords = ['POSTGRES_PASSWORD', 'HUB_OWNER_PASSWORD', 'HUB_RUNTIME_PASSWORD'].map((key) => {
        const password = variable(databaseService, key)
        expect(password, `${databaseService} ${key}`).toMatch(/^\$\{[A-Za-z_][A-Za-z0-9_]*:\?[^}]*\}$/)
        return references(password)[0]!
      })
      const superuser = passwords[0]!
      for (const other of Object.keys(compose.services).filter((other) => other !== databaseService)) {
        const mentions = Object.values(environmentOf(other)).filter((value) =>
          references(value).some((reference) => reference.name === superuser.name),
        )
        expect(mentions, `${other} must not hold ${superuser.name}`).toEqual([])
      }
      expect(references(variable(name, `${name.toUpperCase()}_DATABASE_URL`)), name).toEqual([passwords[2]])
      return passwords.map((password) => password.name)
    })
    expect(new Set(passwordVariables).size, 'one password per role and ministry').toBe(SUBGRAPH_NAMES.length * 3)
  })

  it('gives the gateway and each subgraph its own service key as a secret no other service sees', () => {
    for (const name of applicationNames) {
      const secret = `${name}_service_key`
      expect(variable(name, `${name.toUpperCase()}_SERVICE_KEY`), name).toBe(`/run/secrets/${secret}`)
      expect(compose.secrets?.[secret]?.file, secret).toBe(`./secrets/${name}-service-key.json`)
      const holders = Object.keys(compose.services).filter((other) =>
        (service(other).secrets ?? []).some((entry) => (typeof entry === 'string' ? entry : entry.source) === secret),
      )
      expect(holders, secret).toEqual([name])
    }
  })

  it('makes every service trust the same required key set and issuer', () => {
    for (const name of applicationNames) {
      const prefix = name.toUpperCase()
      expect(references(variable(name, `${prefix}_JWKS`)), name).toEqual([{ name: 'HUB_JWKS', required: true }])
      expect(references(variable(name, `${prefix}_JWT_ISSUER`)), name).toEqual([
        { name: 'HUB_JWT_ISSUER', required: true },
      ])
    }
  })

  it("starts each subgraph with the configuration Compose gives it, in production, trusting the identity provider's keys for users and each service's key for that service alone", () => {
    for (const name of SUBGRAPH_NAMES) {
      const env = Object.fromEntries(
        Object.entries(environmentOf(name)).map(([key, value]) => [key, interpolate(value)]),
      )
      const config = subgraphConfigLoaders[name]({ NODE_ENV: 'production', ...env })
      expect(config.auth.keys, name).toEqual({ sources: [{ jwksPath: resolve('value-of-HUB_JWKS') }] })
      expect(config.auth.serviceKeys?.keys, name).toEqual({
        owners: Object.fromEntries(
          applicationNames.map((owner) => [owner, [{ jwksPath: `/run/secrets/${owner}_service_jwks` }]]),
        ),
      })
    }
  })

  it("mounts each service's public key into the four subgraphs, and into no other service", () => {
    for (const owner of applicationNames) {
      const secret = `${owner}_service_jwks`
      expect(compose.secrets?.[secret]?.file, secret).toBe(`./secrets/${owner}-service-jwks.json`)
      const holders = Object.keys(compose.services).filter((name) => secretsOf(name).includes(secret))
      expect(holders.sort(), secret).toEqual([...SUBGRAPH_NAMES].sort())
    }
  })

  it('restarts every service unless an operator stopped it, and a migration job only when it failed', () => {
    for (const name of Object.keys(compose.services)) {
      expect(service(name).restart, name).toBe(jobNames.includes(name) ? 'on-failure' : 'unless-stopped')
    }
  })

  it('gives every service time to drain before it is killed: 30 s for applications, 60 s for databases', () => {
    for (const name of Object.keys(compose.services)) {
      const grace = service(name).stop_grace_period
      expect(grace, name).toBeDefined()
      expect(seconds(grace!), name).toBeGreaterThanOrEqual(name.endsWith('-db') ? 60 : 30)
    }
  })

  it("rotates every service's logs", () => {
    for (const name of Object.keys(compose.services)) {
      const logging = service(name).logging
      expect(logging?.driver, name).toBe('json-file')
      expect(logging?.options?.['max-size'], name).toMatch(/^\d+[kmg]$/)
      expect(Number(logging?.options?.['max-file']), name).toBeGreaterThan(1)
    }
  })

  it('keeps each database in a named volume of its own, declared at the top level, and declares no unused volume', () => {
    const declared = Object.keys(compose.volumes ?? {}).sort()
    const used = Object.keys(compose.services).flatMap(namedVolumesOf)
    expect([...new Set(used)].sort()).toEqual(declared)
    for (const name of SUBGRAPH_NAMES) {
      // Beside its data, a database mounts only its init step's script (read-only).
      const mounts = service(`${name}-db`).volumes ?? []
      expect(namedVolumesOf(`${name}-db`), name).toHaveLength(1)
      expect(mounts, name).toEqual([
        expect.stringMatching(/^[a-z-]+:\/var\/lib\/postgresql\/data$/),
        expect.stringMatching(/^\.\/scripts\/postgres\/[a-z-]+\.sh:\/docker-entrypoint-initdb\.d\/[a-z-]+\.sh:ro$/),
      ])
    }
    expect(new Set(used).size, 'no volume shared by two services').toBe(used.length)
    for (const name of applicationNames) expect(namedVolumesOf(name), `${name} keeps no state`).toEqual([])
  })

  it('gives every service but the migration jobs (which exit) a health check', () => {
    for (const name of Object.keys(compose.services).filter((other) => !jobNames.includes(other))) {
      expect(service(name).healthcheck?.disable, name).not.toBe(true)
      expect(healthcheckOf(name).slice(1).join(' ').trim(), name).not.toBe('')
    }
  })

  it("probes each application's /healthz on its own port with node, since the slim image has no curl", () => {
    for (const name of applicationNames) {
      const port = variable(name, `${name.toUpperCase()}_PORT`)
      const [kind, executable, ...rest] = healthcheckOf(name)
      expect(kind, name).toBe('CMD')
      expect(executable, name).toBe('node')
      expect(rest.join(' '), name).toContain(`http://127.0.0.1:${port}/healthz`)
    }
  })

  it("routes the gateway to each subgraph's service and port", () => {
    for (const name of SUBGRAPH_NAMES) {
      const url = new URL(variable('gateway', `GATEWAY_${name.toUpperCase()}_URL`))
      expect(url.protocol, name).toBe('http:')
      expect(url.hostname, name).toBe(name)
      expect(url.port, name).toBe(variable(name, `${name.toUpperCase()}_PORT`))
      expect(url.pathname, name).toBe('/graphql')
      expect(
        networksOf('gateway').some((network) => networksOf(name).includes(network)),
        `gateway shares a network with ${name}`,
      ).toBe(true)
    }
  })

  it('starts the gateway even when a subgraph cannot start', () => {
    // Even a plain depends_on blocks: a subgraph whose database never turns healthy never starts.
    for (const [dependency, options] of Object.entries(dependenciesOf('gateway'))) {
      expect(options.required, `gateway depends on ${dependency}`).toBe(false)
      expect(options.condition ?? 'service_started', `gateway depends on ${dependency}`).toBe('service_started')
    }
  })

  it("publishes only the gateway's port", () => {
    const port = Number(variable('gateway', 'GATEWAY_PORT'))
    const targets = (service('gateway').ports ?? []).map((entry) =>
      typeof entry === 'object' ? entry.target : Number(String(entry).split(':').at(-1)?.split('/')[0]),
    )
    expect(targets).toEqual([port])
    const publishing = Object.keys(compose.services).filter((name) => name !== 'gateway' && service(name).ports)
    expect(publishing).toEqual([])
  })

  it('runs every application from its own entry point in its own image, built from its own Dockerfile, and each migration job in its subgraph’s', () => {
    for (const name of applicationNames) {
      const folder = name === 'gateway' ? name : `subgraphs/${name}`
      expect(service(name).image, name).toBe(`early-help-hub/${name}`)
      expect(service(name).build, name).toEqual({ context: '.', dockerfile: `${folder}/Dockerfile` })
      expect(existsSync(new URL(`${folder}/Dockerfile`, root)), name).toBe(true)
      const command = service(name).command
      expect(Array.isArray(command), `${name} runs without a shell`).toBe(true)
      const entry = SERVICE_ENTRIES.find((candidate) => candidate.source === `${folder}/src/main.ts`)!
      expect(command, name).toEqual(['node', entry.bundle])
      expect(existsSync(new URL(entry.source, root)), entry.source).toBe(true)
    }
    for (const name of SUBGRAPH_NAMES) expect(service(migrationJob(name)).build, name).toEqual(service(name).build)
  })
})
