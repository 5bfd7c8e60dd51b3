import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { ensureDashboardBuilt } from './dashboard-build.js'
import { demoUsers, type Organisations } from '../idp/src/users.js'
import { startHubProcesses, type HubProcesses } from './hub-processes.js'

/**
 * `npm start`: the whole hub on one machine. Seeds the synthetic region
 * on first run, then starts the four subgraphs and the gateway, each as
 * its own process as a ministry would run it, with the development identity
 * provider and mail catcher beside them, and stops them on Ctrl-C.
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

/** The demo users the development identity provider signs in, as a table to pick one from. */
function demoUserTable(organisations: Organisations) {
  return demoUsers(organisations)
    .map((user) => `  ${user.login.padEnd(12)}${user.password.padEnd(17)}${user.label.padEnd(32)}${user.name}`)
    .join('\n')
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
    identityProvider: { organisations: Object.fromEntries(organisations) },
    developmentMail: true,
    onUnexpectedExit: (name, reason) => {
      console.error(`${name} stopped unexpectedly (${reason}); stopping the hub`)
      void stopAll(1)
    },
  })
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
const { gatewayUrl, subgraphUrls, identityProviderUrl, developmentMailUrl } = hub

const seconds = ((performance.now() - started) / 1000).toFixed(1)
const signIn = identityProviderUrl
  ? `Open ${gatewayUrl}/dashboard and sign in («Войти») on the development identity provider (${identityProviderUrl}) as one of:
  login       password         role                            name
${demoUserTable(Object.fromEntries(organisations))}
API tokens for scripts and curl: npm run token -- --side regional --role coordinator`
  : `Open ${gatewayUrl}/dashboard and sign in with the identity provider GATEWAY_OIDC_ISSUER names.`
console.log(`
The early-help hub is ready (${seconds} s).
  Dashboard           ${gatewayUrl}/dashboard
  Explorer (GraphiQL) ${gatewayUrl}/explorer
  GraphQL gateway     ${gatewayUrl}/graphql
  Readiness           ${gatewayUrl}/readyz
${SUBGRAPH_NAMES.map((name) => `  ${`${name} subgraph`.padEnd(20)}${subgraphUrls[name]}`).join('\n')}
${signIn}${developmentMailUrl ? `\ndevelopment mail: ${developmentMailUrl} — the daily digest of deadlines lands here` : ''}
Press Ctrl-C to stop.`)
