import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, totalmem } from 'node:os'
import { setTimeout } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { isDeepStrictEqual } from 'node:util'
import pg from 'pg'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { FIGURES_CHANNEL } from '../subgraphs/social/src/modules/monitoring/services/indicators.js'
import { openDevSignIn } from '../scripts/dev-sign-in.js'
import { databaseUrl, prepareFederatedRegion, regionDatabase } from './data.js'
import { runLoad, type BenchRequest, type LoadResult } from './load.js'
import { prepareMonolithDatabase } from './monolith/database.js'
import { printRegion, printReport, type RegionResult, type WorkloadResult } from './report.js'
import { autovacuumDone, countStatements } from './statements.js'
import { measureStartup } from './startup.js'
import { memoryOf, startHiveProcess, startMonolithProcess, startOurs, type RunningSystem } from './systems.js'
import { sampleInputs, WORKLOAD_NAMES, workloads, type Workload, type WorkloadName } from './workloads.js'

const { values } = parseArgs({
  options: {
    children: { type: 'string', default: '10000,100000' },
    seconds: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '3' },
    peers: { type: 'string', default: 'monolith,hive' },
    workloads: { type: 'string', default: 'ChildCard,RegistryPage,RegionalIndicators,Search' },
    'skip-startup': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results' },
    prefix: { type: 'string', default: 'bench' },
  },
})
const sizes = values.children.split(',').map(Number)
const seconds = Number(values.seconds)
const runs = Number(values.runs)
const warmupSeconds = Number(values.warmup)
const peers = new Set(values.peers.split(',').filter(Boolean))
for (const [name, numbers, least] of [
  ['--children', sizes, 1],
  ['--seconds', [seconds], 1],
  ['--runs', [runs], 1],
  ['--warmup', [warmupSeconds], 0],
] as const) {
  if (!numbers.every((value) => Number.isInteger(value) && value >= least)) {
    throw new Error(`${name}: must be whole numbers of at least ${least}, got "${numbers.join(',')}"`)
  }
}
const chosen = new Set(values.workloads.split(',').filter(Boolean))
for (const name of chosen) {
  if (!WORKLOAD_NAMES.includes(name as WorkloadName)) {
    throw new Error(`--workloads: some of ${WORKLOAD_NAMES.join(', ')}, got "${name}"`)
  }
}
for (const peer of peers) {
  if (peer !== 'monolith' && peer !== 'hive') throw new Error(`--peers: monolith and/or hive, got "${peer}"`)
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function medianResult(results: readonly LoadResult[]): LoadResult {
  const pick = (key: keyof LoadResult) => median(results.map((result) => result[key]))
  return {
    requests: pick('requests'),
    throughput: pick('throughput'),
    p50: pick('p50'),
    p95: pick('p95'),
    p99: pick('p99'),
    failures: results.reduce((sum, result) => sum + result.failures, 0),
  }
}

interface Answer {
  data?: unknown
  errors?: { message: string; path?: unknown; extensions?: { code?: string } }[]
}

/**
 * One answer as JSON. A GraphQL answer may carry FORBIDDEN errors (a part the viewer may not read is part of the
 * answer); any other error would mean the benchmark timed failures, so it stops the run.
 */
async function answer(origin: string, request: BenchRequest): Promise<Answer> {
  const response = await fetch(`${origin}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  })
  const body = (await response.json()) as Answer
  if (!response.ok) throw new Error(`${request.path}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`)
  if (request.path !== '/graphql') return { data: body }
  const failures = (body.errors ?? []).filter((error) => error.extensions?.code !== 'FORBIDDEN')
  if (failures.length > 0) throw new Error(`${origin}: ${JSON.stringify(failures).slice(0, 300)}`)
  return body
}

/** Whether each peer gives our answers to the workload's first few requests; null for a peer not run. */
async function sameAnswers(
  workload: Workload,
  ours: RunningSystem,
  hive: RunningSystem | null,
  monolith: RunningSystem | null,
) {
  const checked = Math.min(5, workload.federated.length)
  // Hive Gateway puts every error of a batched entity fetch on the batch's first item, so list indexes are left out.
  const refusals = (errors: Answer['errors']) =>
    (errors ?? [])
      .map((error) =>
        JSON.stringify([
          (error.path as unknown[] | undefined)?.filter((key) => typeof key === 'string'),
          error.extensions?.code,
        ]),
      )
      .sort()
  let sameHive = hive ? true : null
  let sameMonolith = monolith ? true : null
  for (let i = 0; i < checked; i++) {
    const expected = await answer(ours.origin, workload.federated[i]!)
    if (hive) {
      const answered = await answer(hive.origin, workload.federated[i]!)
      sameHive &&=
        isDeepStrictEqual(expected.data, answered.data) &&
        isDeepStrictEqual(refusals(expected.errors), refusals(answered.errors))
    }
    // The monolith answers the indicators in a shape of its own; tests/bench/monolith.test.ts compares their figures.
    if (monolith && workload.name !== 'RegionalIndicators') {
      sameMonolith &&= isDeepStrictEqual(expected.data, (await answer(monolith.origin, workload.monolith[i]!)).data)
    }
  }
  return { hive: sameHive, monolith: sameMonolith }
}

async function measure(
  system: RunningSystem,
  requests: readonly BenchRequest[],
  connections: number,
  databases: readonly string[],
) {
  await autovacuumDone(databases)
  if (warmupSeconds > 0) await runLoad(system.origin, requests, { connections, seconds: warmupSeconds })
  const results: LoadResult[] = []
  for (let run = 0; run < runs; run++) results.push(await runLoad(system.origin, requests, { connections, seconds }))
  return medianResult(results)
}

/** How many times the indicators are timed right after their figures were forgotten. */
const COMPUTED_SAMPLES = 5

/**
 * The indicators' latency when social has to compute its figures: before each request, social's database notifies
 * the channel a committed write notifies, so the figures it remembers are forgotten, as after any data entry.
 */
async function computedAfterChange(system: RunningSystem, request: BenchRequest, socialUrl: string) {
  const client = new pg.Client({ connectionString: socialUrl })
  await client.connect()
  try {
    const timings: number[] = []
    for (let sample = 0; sample < COMPUTED_SAMPLES; sample++) {
      await client.query('select pg_notify($1, $2)', [FIGURES_CHANNEL, ''])
      await setTimeout(100)
      const started = performance.now()
      await answer(system.origin, request)
      timings.push(performance.now() - started)
    }
    return median(timings)
  } finally {
    await client.end()
  }
}

async function benchRegion(children: number, token: string): Promise<RegionResult> {
  const log = (line: string) => console.log(line)
  const federated = await prepareFederatedRegion(children, { prefix: values.prefix, log })
  const monolithUrl = databaseUrl(regionDatabase(values.prefix, children, 'monolith'))
  if (peers.has('monolith')) await prepareMonolithDatabase({ url: monolithUrl, children, log })
  const inputs = await sampleInputs(federated.urls.social)
  const subgraphDatabases = SUBGRAPH_NAMES.map((name) => regionDatabase(values.prefix, children, name))
  const databases = [...subgraphDatabases, regionDatabase(values.prefix, children, 'monolith')]

  const ours = await startOurs(federated.urls)
  const started: RunningSystem[] = [ours]
  try {
    const hive = peers.has('hive') ? await startHiveProcess(ours.subgraphUrls) : null
    if (hive) started.push(hive)
    const monolith = peers.has('monolith') ? await startMonolithProcess(monolithUrl) : null
    if (monolith) started.push(monolith)

    const results: WorkloadResult[] = []
    for (const workload of workloads(inputs, token).filter((candidate) => chosen.has(candidate.name))) {
      const peer = workload.hive ? hive : null
      const equal = await sameAnswers(workload, ours, peer, monolith)
      for (const connections of workload.concurrency) {
        console.log(`  ${workload.name}, ${connections} connection(s)…`)
        results.push({
          workload: workload.name,
          label: workload.label,
          connections,
          equal,
          ours: await measure(ours, workload.federated, connections, databases),
          hive: peer && (await measure(peer, workload.federated, connections, databases)),
          monolith: monolith && (await measure(monolith, workload.monolith, connections, databases)),
        })
      }
    }

    const indicators = workloads(inputs, token).find((workload) => workload.name === 'RegionalIndicators')!
    const indicatorsComputedMs = chosen.has('RegionalIndicators')
      ? await computedAfterChange(ours, indicators.federated[0]!, federated.urls.social)
      : null

    const registryPage = workloads(inputs, token).find((workload) => workload.name === 'RegistryPage')!
    const statements = await countStatements(subgraphDatabases, async () => {
      await answer(ours.origin, registryPage.federated[0]!)
    })

    const memory = Object.fromEntries(
      started.flatMap((system) =>
        Object.entries(system.processes).map(([name, child]) => [name, memoryOf(child.pid!)]),
      ),
    )
    return {
      children,
      seededInSeconds: federated.seededInSeconds,
      results,
      indicatorsComputedMs,
      registryPageStatements: Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => [name, statements[regionDatabase(values.prefix, children, name)] ?? 0]),
      ),
      memory,
    }
  } finally {
    for (const system of started.reverse()) await system.stop()
  }
}

const signIn = await openDevSignIn()
const token = await signIn.sign('bench-regional-coordinator', { side: 'regional', role: 'coordinator' }, 6 * 3600)
const regions: RegionResult[] = []
for (const children of sizes) {
  console.log(`== ${children.toLocaleString('en')} children`)
  const region = await benchRegion(children, token)
  regions.push(region)
  printRegion(region)
}
const startup = values['skip-startup'] ? null : await measureStartup()

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
}
const report = { date: new Date().toISOString(), machine, seconds, runs, warmupSeconds, regions, startup }
printReport(report)
mkdirSync(values.out, { recursive: true })
const file = `${values.out}/${report.date.slice(0, 19).replaceAll(':', '-')}.json`
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
console.log(`\nwritten to ${file}`)
