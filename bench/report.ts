import type { LoadResult } from './load.js'
import type { StartupResult } from './startup.js'
import { REGISTRY_PAGE_STATEMENTS, type WorkloadName } from './workloads.js'

export interface WorkloadResult {
  workload: WorkloadName
  label: string
  connections: number
  /** Whether Hive Gateway and the monolith gave our answers to the same requests; null for a peer not run. */
  equal: { hive: boolean | null; monolith: boolean | null }
  ours: LoadResult
  hive: LoadResult | null
  monolith: LoadResult | null
}

export interface RegionResult {
  children: number
  seededInSeconds: number
  results: WorkloadResult[]
  /**
   * RegionalIndicators p50 when social computes its figures, as after any write (the workload's own runs are
   * answered from the figures social remembers); null when the workload was not run.
   */
  indicatorsComputedMs: number | null
  /** SQL statements each subgraph's database ran for one RegistryPage of 1,000 children through our gateway. */
  registryPageStatements: Record<string, number>
  /** Each process after the load, MiB. */
  memory: Record<string, { rssMiB: number; peakMiB: number }>
}

export interface BenchReport {
  date: string
  machine: { cpu: string; cores: number; memoryGiB: number; node: string }
  seconds: number
  runs: number
  warmupSeconds: number
  regions: RegionResult[]
  startup: StartupResult | null
}

const number = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—'
const ms = (value: number) => number(value, value < 10 ? 1 : 0)
/** A peer's figure, not a number when the peer was not run. */
const throughput = (result: LoadResult | null) => result?.throughput ?? Number.NaN
const median50 = (result: LoadResult | null) => result?.p50 ?? Number.NaN
const ratio = (value: number) => (Number.isFinite(value) ? `${number(value, 2)}×` : '—')

const same = (peer: string, equal: boolean | null) => `${peer} ${equal === null ? '—' : equal ? 'yes' : 'NO'}`

function table(header: readonly string[], rows: readonly (readonly string[])[]) {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n')
}

interface Goal {
  goal: string
  measured: string
  met: boolean
}

function goalsOf(report: BenchReport): Goal[] {
  const goals: Goal[] = []
  const largest = report.regions.at(-1)
  if (largest) {
    const find = (workload: WorkloadName, connections?: number) =>
      largest.results.find(
        (row) => row.workload === workload && (connections === undefined || row.connections === connections),
      )
    const card = find('ChildCard', 16)
    if (card) {
      const hive = card.ours.throughput / throughput(card.hive)
      const monolith = card.ours.throughput / throughput(card.monolith)
      goals.push({ goal: 'ChildCard throughput ≥ 2× Hive Gateway (16 conn.)', measured: ratio(hive), met: hive >= 2 })
      goals.push({
        goal: 'ChildCard throughput ≥ 0.4× monolith (16 conn.)',
        measured: ratio(monolith),
        met: monolith >= 0.4,
      })
    }
    const pageLatency = find('RegistryPage', 1)
    const pageLoad = largest.results.filter((row) => row.workload === 'RegistryPage').at(-1)
    if (pageLatency && pageLoad) {
      const load = pageLoad.ours.throughput / throughput(pageLoad.monolith)
      const latency = pageLatency.ours.p50 / median50(pageLatency.monolith)
      goals.push({
        goal: `RegistryPage 1,000 throughput ≥ 0.9× monolith (${pageLoad.connections} conn.)`,
        measured: ratio(load),
        met: load >= 0.9,
      })
      goals.push({ goal: 'RegistryPage 1,000 p50 ≤ 1.1× monolith', measured: ratio(latency), met: latency <= 1.1 })
    }
    const statements = Object.entries(largest.registryPageStatements)
    goals.push({
      goal: `RegistryPage: one SQL statement per subgraph per entity type (${Object.entries(REGISTRY_PAGE_STATEMENTS)
        .map(([name, count]) => `${name} ${count}`)
        .join(', ')})`,
      measured: statements.map(([name, count]) => `${name} ${count}`).join(', '),
      met: statements.every(
        ([name, count]) => count <= REGISTRY_PAGE_STATEMENTS[name as keyof typeof REGISTRY_PAGE_STATEMENTS],
      ),
    })
    const indicators = find('RegionalIndicators', 1)
    if (indicators) {
      goals.push({
        goal: `RegionalIndicators p50 < 300 ms (${number(largest.children)} children), figures remembered`,
        measured: `${ms(indicators.ours.p50)} ms`,
        met: indicators.ours.p50 < 300,
      })
    }
    if (largest.indicatorsComputedMs !== null) {
      goals.push({
        goal: `RegionalIndicators p50 < 300 ms (${number(largest.children)} children), computed after a write`,
        measured: `${ms(largest.indicatorsComputedMs)} ms`,
        met: largest.indicatorsComputedMs < 300,
      })
    }
    const search = find('Search', 1)
    if (search) {
      goals.push({
        goal: 'Registry search p50 < 50 ms',
        measured: `${ms(search.ours.p50)} ms`,
        met: search.ours.p50 < 50,
      })
    }
    const subgraphs = ['social', 'health', 'education', 'ngo'].map((name) => largest.memory[name]?.rssMiB ?? Number.NaN)
    const largestSubgraph = Math.max(...subgraphs)
    goals.push({
      goal: 'PostgreSQL-backed subgraph RSS < 200 MiB',
      measured: `${number(largestSubgraph)} MiB (largest)`,
      met: largestSubgraph < 200,
    })
  }
  if (report.startup) {
    const { readySeconds, rssMiB } = report.startup
    goals.push({
      goal: 'npm start (embedded) ready < 20 s',
      measured: `${number(readySeconds, 1)} s`,
      met: readySeconds < 20,
    })
    goals.push({ goal: 'npm start (embedded) RSS < 1.5 GiB', measured: `${number(rssMiB)} MiB`, met: rssMiB < 1536 })
  }
  return goals
}

/** One region's table, statements and memory. */
export function printRegion(region: RegionResult) {
  console.log(`\n${number(region.children)} children\n`)
  console.log(
    table(
      [
        'workload',
        'conn.',
        'ours req/s',
        'monolith',
        'Hive',
        'ours/mono',
        'ours/Hive',
        'ours p50',
        'p95',
        'p99',
        'mono p50',
        'Hive p50',
        'same answers',
      ],
      region.results.map((row) => [
        row.workload,
        String(row.connections),
        number(row.ours.throughput, 1),
        number(throughput(row.monolith), 1),
        number(throughput(row.hive), 1),
        ratio(row.ours.throughput / throughput(row.monolith)),
        ratio(row.ours.throughput / throughput(row.hive)),
        ms(row.ours.p50),
        ms(row.ours.p95),
        ms(row.ours.p99),
        ms(median50(row.monolith)),
        ms(median50(row.hive)),
        [same('mono', row.equal.monolith), same('Hive', row.equal.hive)].join(' '),
      ]),
    ),
  )
  const failures = region.results.reduce(
    (sum, row) => sum + row.ours.failures + (row.hive?.failures ?? 0) + (row.monolith?.failures ?? 0),
    0,
  )
  if (failures > 0) console.log(`\n${failures} requests failed (non-2xx, errors or timeouts)`)
  if (region.indicatorsComputedMs !== null) {
    console.log(
      `\nRegionalIndicators computed after a write (social's figures forgotten), p50: ${ms(region.indicatorsComputedMs)} ms`,
    )
  }
  console.log(
    `\nSQL statements for one RegistryPage of 1,000: ${Object.entries(region.registryPageStatements)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ')}`,
  )
  console.log(
    `Memory after the load (RSS / peak, MiB): ${Object.entries(region.memory)
      .map(([name, memory]) => `${name} ${number(memory.rssMiB)} / ${number(memory.peakMiB)}`)
      .join(', ')}`,
  )
}

export function printReport(report: BenchReport) {
  const { machine } = report
  console.log(
    `\nMachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; ` +
      `${report.runs} runs of ${report.seconds} s after ${report.warmupSeconds} s of warm-up, medians`,
  )
  if (report.startup) {
    const { firstRunSeconds, readySeconds, rssMiB } = report.startup
    console.log(
      `\nnpm start (embedded PGlite): first run with seeding ${number(firstRunSeconds, 1)} s; ready again in ${number(readySeconds, 1)} s; RSS ${number(rssMiB)} MiB`,
    )
  }
  console.log(`\nGoals\n`)
  console.log(
    table(
      ['goal', 'measured', 'met'],
      goalsOf(report).map((goal) => [goal.goal, goal.measured, goal.met ? 'yes' : 'NO']),
    ),
  )
}
