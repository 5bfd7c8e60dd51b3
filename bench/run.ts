import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, totalmem } from 'node:os'
import { parseArgs } from 'node:util'
import { isDeepStrictEqual } from 'node:util'
import { SUBGRAPH_NAMES } from '../subgraphs/kit/src/config.js'
import { openDevSignIn } from '../scripts/dev-sign-in.js'
import { databaseUrl, prepareFederatedRegion } from './data.js'
import { runLoad, type BenchRequest, type LoadResult } from './load.js'
import { prepareMonolithDatabase } from './monolith/database.js'
import { printReport, type RegionResult, type WorkloadResult } from './report.js'
import { countStatements } from './statements.js'
import { measureStartup } from './startup.js'
import { memoryOf, startHiveProcess, startMonolithProcess, startOurs, type RunningSystem } from './systems.js'
import { sampleInputs, workloads, type Workload } from './workloads.js'

const { values } = parseArgs({
  options: {
    children: { type: 'string', default: '10000,100000' },
    seconds: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '3' },
    startup: { type: 'boolean', default: true },
    'no-startup': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results' },
  },
})
const sizes = values.children.split(',').map(Number)
const seconds = Number(values.seconds)
const runs = Number(values.runs)
const warmupSeconds = Number(values.warmup)
for (const [name, value] of [
  ['--children', ...sizes],
  ['--seconds', seconds],
  ['--runs', runs],
] as const) {
  if (typeof value === 'number' && !(Number.isInteger(value) && value > 0)) {
    throw new Error(`${name}: must be a positive whole number`)
  }
}

type SystemName = 'ours' | 'monolith' | 'hive'

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

/** Whether the systems give the same answers to the workload's first few requests. */
async function sameAnswers(workload: Workload, systems: Record<SystemName, RunningSystem>) {
  const checked = Math.min(5, workload.federated.length)
  const result = { hive: true, monolith: true }
  for (let i = 0; i < checked; i++) {
    const ours = await answer(systems.ours.origin, workload.federated[i]!)
    const hive = await answer(systems.hive.origin, workload.federated[i]!)
    const refusals = (errors: Answer['errors']) =>
      (errors ?? []).map((error) => JSON.stringify([error.path, error.extensions?.code])).sort()
    result.hive &&=
      isDeepStrictEqual(ours.data, hive.data) && isDeepStrictEqual(refusals(ours.errors), refusals(hive.errors))
    // The monolith answers the indicators in a shape of its own; tests/bench compares their figures.
    if (workload.name !== 'RegionalIndicators') {
      const monolith = await answer(systems.monolith.origin, workload.monolith[i]!)
      result.monolith &&= isDeepStrictEqual(ours.data, monolith.data)
    }
  }
  return result
}

async function measure(system: RunningSystem, requests: readonly BenchRequest[], connections: number) {
  await runLoad(system.origin, requests, { connections, seconds: warmupSeconds })
  const results: LoadResult[] = []
  for (let run = 0; run < runs; run++) results.push(await runLoad(system.origin, requests, { connections, seconds }))
  return medianResult(results)
}

async function benchRegion(children: number, token: string): Promise<RegionResult> {
  const log = (line: string) => console.log(line)
  const federated = await prepareFederatedRegion(children, { log })
  const monolithUrl = databaseUrl(`bench_${children}_monolith`)
  await prepareMonolithDatabase({ url: monolithUrl, children, log })
  const inputs = await sampleInputs(federated.urls.social)

  const ours = await startOurs(federated.urls)
  const started: RunningSystem[] = [ours]
  try {
    const hive = await startHiveProcess(ours.subgraphUrls)
    started.push(hive)
    const monolith = await startMonolithProcess(monolithUrl)
    started.push(monolith)
    const systems: Record<SystemName, RunningSystem> = { ours, hive, monolith }

    const results: WorkloadResult[] = []
    for (const workload of workloads(inputs, token)) {
      const equal = await sameAnswers(workload, systems)
      for (const connections of workload.concurrency) {
        console.log(`  ${workload.name}, ${connections} connection(s)…`)
        const measured = {
          ours: await measure(ours, workload.federated, connections),
          hive: await measure(hive, workload.federated, connections),
          monolith: await measure(monolith, workload.monolith, connections),
        }
        results.push({ workload: workload.name, label: workload.label, connections, equal, ...measured })
      }
    }

    const registryPage = workloads(inputs, token).find((workload) => workload.name === 'RegistryPage')!
    const databases = SUBGRAPH_NAMES.map((name) => `bench_${children}_${name}`)
    const statements = await countStatements(databases, async () => {
      await answer(ours.origin, registryPage.federated[0]!)
    })

    const memory = Object.fromEntries(
      started.flatMap((system) => Object.entries(system.processes).map(([name, child]) => [name, memoryOf(child)])),
    )
    return {
      children,
      seededInSeconds: federated.seededInSeconds,
      results,
      registryPageStatements: Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => [name, statements[`bench_${children}_${name}`] ?? 0]),
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
  regions.push(await benchRegion(children, token))
}
const startup = values.startup && !values['no-startup'] ? await measureStartup() : null

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
