import { performance } from 'node:perf_hooks'
import { SUBGRAPH_NAMES } from '../subgraphs/kit/src/config.js'
import { openDatabase } from '../subgraphs/kit/src/database.js'
import { migrateToLatest } from '../subgraphs/kit/src/migrate.js'
import type { DB as SocialDB } from '../subgraphs/social/src/db/database.js'
import { migrations as socialMigrations } from '../subgraphs/social/src/db/migrations/index.js'
import { ensureDashboardBuilt } from './dashboard-build.js'
import { DEV_TOKEN_TTL_SECONDS, openDevSignIn } from './dev-sign-in.js'
import { startHubProcesses, subgraphConfigs, type HubProcesses } from './hub-processes.js'
import { seedRegion } from './seed.js'

/**
 * `npm start`: the whole hub on one machine. Seeds the synthetic region
 * on first run, then starts the four subgraphs and the gateway, each as
 * its own process as a ministry would run it, and stops them on Ctrl-C.
 */
const started = performance.now()
const childrenArg = process.argv.indexOf('--children')
const children = childrenArg > 0 ? Number(process.argv[childrenArg + 1]) : undefined

const configs = subgraphConfigs(process.env)

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

let hub: HubProcesses | undefined
let stopping = false
async function stopAll(code: number) {
  if (stopping) return
  stopping = true
  await hub?.stop()
  process.exit(code)
}
process.on('SIGINT', () => void stopAll(0))
process.on('SIGTERM', () => void stopAll(0))

try {
  hub = await startHubProcesses(process.env, {
    onUnexpectedExit: (name, reason) => {
      console.error(`${name} stopped unexpectedly (${reason}); stopping the hub`)
      void stopAll(1)
    },
  })
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
const { gatewayUrl, subgraphUrls } = hub

const seconds = ((performance.now() - started) / 1000).toFixed(1)
console.log(`
The early-help hub is ready (${seconds} s).
  Dashboard           ${gatewayUrl}/dashboard
  Explorer (GraphiQL) ${gatewayUrl}/explorer
  GraphQL gateway     ${gatewayUrl}/graphql
  Readiness           ${gatewayUrl}/readyz
${SUBGRAPH_NAMES.map((name) => `  ${`${name} subgraph`.padEnd(20)}${subgraphUrls[name]}`).join('\n')}
Development sign-in (paste into the dashboard or the explorer, or send as "authorization: Bearer <token>"; valid ${DEV_TOKEN_TTL_SECONDS / 3600} h; more with npm run token):
${await devTokens()}
Press Ctrl-C to stop.`)
