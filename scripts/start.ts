import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { SUBGRAPH_NAMES } from '../subgraphs/kit/src/config.js'
import { ensureDashboardBuilt } from './dashboard-build.js'
import { DEV_TOKEN_TTL_SECONDS, openDevSignIn } from './dev-sign-in.js'
import { startHubProcesses, type HubProcesses } from './hub-processes.js'

/**
 * `npm start`: the whole hub on one machine. Seeds the synthetic region
 * on first run, then starts the four subgraphs and the gateway, each as
 * its own process as a ministry would run it, and stops them on Ctrl-C.
 */
const started = performance.now()
const childrenArg = process.argv.indexOf('--children')
const children = childrenArg > 0 ? Number(process.argv[childrenArg + 1]) : undefined

/**
 * Seeds on the first run and samples the organisations the development tokens name, in a process of its own
 * (scripts/hub-data.ts): an embedded database holds its memory until its process ends.
 */
async function prepareData() {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./hub-data.ts', import.meta.url)),
      ...(children === undefined ? [] : ['--children', String(children)]),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  )
  let organisations: Record<string, string> | undefined
  child.on('message', (message: { organisations: Record<string, string> }) => {
    organisations = message.organisations
  })
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  if (code !== 0 || !organisations) throw new Error(`preparing the databases failed (exit code ${code})`)
  return new Map(Object.entries(organisations))
}

/** One development token per role, as `npm run token` prints them, for the README's first steps. */
async function devTokens(organisations: ReadonlyMap<string, string>) {
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

const organisations = await prepareData()

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
${await devTokens(organisations)}
Press Ctrl-C to stop.`)
