import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { bundleServices } from '../scripts/build-services.js'
import { startHubProcesses } from '../scripts/hub-processes.js'
import { freePorts, spawnService, stopService, waitUntilUp } from '../scripts/processes.js'

/** A system under test: where it answers, and its processes by service name (for their memory). */
export interface RunningSystem {
  origin: string
  processes: Record<string, ChildProcess>
  stop(): Promise<void>
}

/** The environment every benchmarked process runs with: no telemetry, and no limit that would refuse the load. */
function benchEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    APOLLO_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'development',
    // One caller sends the whole load; the per-caller rate limit is a production guard, not part of the measure.
    GATEWAY_RATE_LIMIT_REQUESTS: '100000000',
    // So is the per-address limit of every service: the whole load comes from this one address.
    ...Object.fromEntries(
      ['GATEWAY', ...SUBGRAPH_NAMES.map((name) => name.toUpperCase())].map((prefix) => [
        `${prefix}_ADDRESS_RATE_LIMIT_REQUESTS`,
        '100000000',
      ]),
    ),
    // And each subgraph's budget of expensive work per caller, and its statements' time limit: the load is measured.
    ...Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => name.toUpperCase()).flatMap((prefix) => [
        [`${prefix}_WORK_CONCURRENT`, '100000'],
        [`${prefix}_WORK_PER_MINUTE`, '100000000'],
        [`${prefix}_STATEMENT_TIMEOUT_MS`, '120000'],
      ]),
    ),
    // The timeouts guard users from a hung side; here a slow answer is to be measured, not cut off at 3 s.
    GATEWAY_SUBGRAPH_TIMEOUT_MS: '120000',
    HEALTH_SOCIAL_TIMEOUT_MS: '120000',
    EDUCATION_SOCIAL_TIMEOUT_MS: '120000',
    NGO_SOCIAL_TIMEOUT_MS: '120000',
    ...extra,
  }
}

/** Our hub: the four subgraphs on their own PostgreSQL databases and our gateway, each its own process. */
export async function startOurs(
  urls: Record<SubgraphName, string>,
): Promise<RunningSystem & { subgraphUrls: Record<SubgraphName, string> }> {
  const [gatewayPort, ...subgraphPorts] = await freePorts(1 + SUBGRAPH_NAMES.length)
  const env: NodeJS.ProcessEnv = { GATEWAY_PORT: String(gatewayPort) }
  SUBGRAPH_NAMES.forEach((name, i) => {
    env[`${name.toUpperCase()}_PORT`] = String(subgraphPorts[i])
    env[`${name.toUpperCase()}_DATABASE_URL`] = urls[name]
  })
  const hub = await startHubProcesses(benchEnv(env), { output: 'ignore' })
  return { origin: hub.gatewayUrl, processes: hub.processes, subgraphUrls: hub.subgraphUrls, stop: hub.stop }
}

/**
 * One more process of the benchmark (the monolith, Hive Gateway), run from a bundle as our services are, so that no
 * TypeScript loader weighs on its memory or start; up once `readyPath` answers.
 */
async function startProcess(name: string, source: string, env: NodeJS.ProcessEnv, port: number, readyPath: string) {
  const bundle = `bench/dist/${name}.mjs`
  await bundleServices([{ service: name, source, bundle, deployed: false }])
  const child = spawnService(name, bundle, benchEnv(env), 'ignore')
  const origin = `http://127.0.0.1:${port}`
  try {
    await waitUntilUp(`${origin}${readyPath}`, child)
  } catch (error) {
    await stopService(child)
    throw error
  }
  return { origin, processes: { [name]: child }, stop: () => stopService(child) }
}

/** The monolith: one database with all four sides' tables, hand-written SQL behind a minimal HTTP server. */
export async function startMonolithProcess(url: string): Promise<RunningSystem> {
  const [port] = (await freePorts(1)) as [number]
  return startProcess(
    'monolith',
    'bench/monolith/main.ts',
    { MONOLITH_DATABASE_URL: url, MONOLITH_PORT: String(port) },
    port,
    '/healthz',
  )
}

/** Hive Gateway serving the same supergraph in front of our running subgraphs. */
export async function startHiveProcess(subgraphUrls: Record<SubgraphName, string>): Promise<RunningSystem> {
  const [port] = (await freePorts(1)) as [number]
  const env: NodeJS.ProcessEnv = { HIVE_PORT: String(port) }
  for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_URL`] = subgraphUrls[name]
  return startProcess('hive', 'bench/hive/main.ts', env, port, '/readyz')
}

/** Resident and peak resident memory of a process, MiB (Linux); not numbers for a process that has gone. */
export function memoryOf(pid: number) {
  let status = ''
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    // gone since it was listed
  }
  const kib = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? Number.NaN)
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 }
}
