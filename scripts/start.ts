import { performance } from 'node:perf_hooks'
import type { ChildProcess } from 'node:child_process'
import { loadConfig as loadGatewayConfig } from '../gateway/src/config.js'
import { loadSubgraphConfig, SUBGRAPH_NAMES, type SubgraphConfig } from '../subgraphs/kit/src/config.js'
import { openDatabase } from '../subgraphs/kit/src/database.js'
import { migrateToLatest } from '../subgraphs/kit/src/migrate.js'
import type { DB as SocialDB } from '../subgraphs/social/src/db/database.js'
import { migrations as socialMigrations } from '../subgraphs/social/src/db/migrations/index.js'
import { ensureDashboardBuilt } from './dashboard-build.js'
import { DEV_TOKEN_TTL_SECONDS, openDevSignIn } from './dev-sign-in.js'
import { spawnService, stopService, waitUntilUp } from './processes.js'
import { seedRegion } from './seed.js'

/**
 * `npm start`: the whole hub on one machine. Seeds the synthetic region
 * on first run, then starts the four subgraphs and the gateway, each as
 * its own process as a ministry would run it, and stops them on Ctrl-C.
 */
const started = performance.now()
const childrenArg = process.argv.indexOf('--children')
const children = childrenArg > 0 ? Number(process.argv[childrenArg + 1]) : undefined

const configs = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [name, loadSubgraphConfig(name, process.env)]),
) as Record<(typeof SUBGRAPH_NAMES)[number], SubgraphConfig>

async function registryIsEmpty() {
  const social = openDatabase<SocialDB>(configs.social.database, { poolSize: 1 })
  try {
    await migrateToLatest(social.db, socialMigrations)
    const row = await social.db
      .selectFrom('child')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
    return Number(row.count) === 0
  } finally {
    await social.close()
  }
}

/** For each side, a provider of the registry whose staff the printed development tokens sign in as. */
async function sampleOrganisations() {
  const social = openDatabase<SocialDB>(configs.social.database, { poolSize: 1 })
  try {
    const rows = await social.db
      .selectFrom('provider')
      .select(['side', (eb) => eb.fn.min<string>(eb.cast('id', 'text')).as('id')])
      .where('moderation_status', '=', 'APPROVED')
      .groupBy('side')
      .execute()
    return new Map(rows.map((row) => [row.side.toLowerCase(), row.id]))
  } finally {
    await social.close()
  }
}

/** One development token per role, as `npm run token` prints them, for the README's first steps. */
async function devTokens() {
  const organisations = await sampleOrganisations()
  const signIn = await openDevSignIn()
  const people = [
    { label: 'health specialist', claims: { side: 'health', role: 'specialist', org: organisations.get('health') } },
    {
      label: 'education specialist',
      claims: { side: 'education', role: 'specialist', org: organisations.get('education') },
    },
    { label: 'social specialist', claims: { side: 'social', role: 'specialist', org: organisations.get('social') } },
    { label: 'ngo specialist', claims: { side: 'ngo', role: 'specialist', org: organisations.get('ngo') } },
    { label: 'regional coordinator', claims: { side: 'regional', role: 'coordinator' } },
    { label: 'regional analyst', claims: { side: 'regional', role: 'analyst' } },
    { label: 'social administrator', claims: { side: 'social', role: 'administrator' } },
    { label: 'public reader', claims: { role: 'public' } },
  ] as const
  const lines = await Promise.all(
    people.map(
      async ({ label, claims }) =>
        `  ${label.padEnd(22)}${await signIn.sign(`dev-${label.replace(' ', '-')}`, claims, DEV_TOKEN_TTL_SECONDS)}`,
    ),
  )
  return lines.join('\n')
}

await ensureDashboardBuilt()

if (await registryIsEmpty()) {
  console.log('first run: seeding the synthetic region…')
  await seedRegion({ children, reset: false, log: console.log })
}

// The gateway finds the subgraphs where this script started them, whatever ports their environment chose.
const gatewayEnv: NodeJS.ProcessEnv = { ...process.env }
for (const name of SUBGRAPH_NAMES) {
  gatewayEnv[`GATEWAY_${name.toUpperCase()}_URL`] ??= `http://127.0.0.1:${configs[name].port}/graphql`
}
const gatewayConfig = loadGatewayConfig(gatewayEnv)
// Social delivers merges of two records of one child straight to the other subgraphs.
const socialEnv: NodeJS.ProcessEnv = { ...process.env }
for (const name of SUBGRAPH_NAMES.filter((name) => name !== 'social')) {
  socialEnv[`SOCIAL_${name.toUpperCase()}_URL`] ??= `http://127.0.0.1:${configs[name].port}/graphql`
}

// Health, education and ngo ask social which consents and referrals open a child's data.
const sideEnv: NodeJS.ProcessEnv = { ...process.env }
for (const name of SUBGRAPH_NAMES.filter((name) => name !== 'social')) {
  sideEnv[`${name.toUpperCase()}_SOCIAL_URL`] ??= `http://127.0.0.1:${configs.social.port}/graphql`
}

const services: ChildProcess[] = []
let stopping = false
async function stopAll(code: number) {
  if (stopping) return
  stopping = true
  for (const service of [...services].reverse()) await stopService(service)
  process.exit(code)
}
process.on('SIGINT', () => void stopAll(0))
process.on('SIGTERM', () => void stopAll(0))

function watch(name: string, child: ChildProcess) {
  services.push(child)
  child.on('exit', (code, signal) => {
    if (stopping) return
    console.error(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the hub`)
    void stopAll(1)
  })
  return child
}

try {
  await Promise.all(
    SUBGRAPH_NAMES.map((name) => {
      const child = watch(
        name,
        spawnService(name, `subgraphs/${name}/src/main.ts`, name === 'social' ? socialEnv : sideEnv),
      )
      return waitUntilUp(`http://127.0.0.1:${configs[name].port}/healthz`, child)
    }),
  )
  const gateway = watch('gateway', spawnService('gateway', 'gateway/src/main.ts', gatewayEnv))
  await waitUntilUp(`http://127.0.0.1:${gatewayConfig.port}/readyz`, gateway)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  await stopAll(1)
}

const seconds = ((performance.now() - started) / 1000).toFixed(1)
console.log(`
The early-help hub is ready (${seconds} s).
  Dashboard           http://127.0.0.1:${gatewayConfig.port}/dashboard
  Explorer (GraphiQL) http://127.0.0.1:${gatewayConfig.port}/explorer
  GraphQL gateway     http://127.0.0.1:${gatewayConfig.port}/graphql
  Readiness           http://127.0.0.1:${gatewayConfig.port}/readyz
${SUBGRAPH_NAMES.map((name) => `  ${`${name} subgraph`.padEnd(20)}http://127.0.0.1:${configs[name].port}/graphql`).join('\n')}
Development sign-in (paste into the dashboard or the explorer, or send as "authorization: Bearer <token>"; valid ${DEV_TOKEN_TTL_SECONDS / 3600} h; more with npm run token):
${await devTokens()}
Press Ctrl-C to stop.`)
