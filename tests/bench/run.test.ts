import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { BENCH_SERVER_URL } from '../../bench/data.js'
import type { BenchReport } from '../../bench/report.js'
import { backends } from '@hub/testing/databases'

// `npm run bench` end to end on a small region, with the shortest runs: it must work from a fresh clone, print both
// baselines and the ratios, and write its JSON. The numbers themselves are the benchmark's business, not a test's.
const prefix = `benchtest${process.pid}`
const out = mkdtempSync(join(tmpdir(), 'bench-results-'))

function runBench(args: readonly string[]) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], {
      env: { ...process.env, APOLLO_TELEMETRY_DISABLED: '1' },
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('exit', (code) => resolve({ code, output }))
  })
}

describe.skipIf(!backends.includes('postgres'))('npm run bench (postgres)', () => {
  afterAll(async () => {
    rmSync(out, { recursive: true, force: true })
    const client = new pg.Client({ connectionString: BENCH_SERVER_URL })
    await client.connect()
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [
      `${prefix}\\_%`,
    ])
    for (const { datname } of rows) await client.query(`drop database "${datname}" with (force)`)
    await client.end()
  })

  it('measures our hub, the monolith and Hive Gateway on the same data, and prints the ratios and the goals', async () => {
    const { code, output } = await runBench([
      '--children',
      '300',
      '--seconds',
      '1',
      '--runs',
      '1',
      '--warmup',
      '0',
      '--skip-startup',
      '--prefix',
      prefix,
      '--out',
      out,
    ])
    expect(code, output).toBe(0)
    expect(output).toContain('ours/mono')
    expect(output).toContain('ours/Hive')
    expect(output).toMatch(/^Goals$/m)

    const [file] = readdirSync(out)
    const report = JSON.parse(readFileSync(join(out, file!), 'utf8')) as BenchReport
    const [region] = report.regions
    expect(region?.children).toBe(300)
    expect(region!.results.map((row) => `${row.workload}/${row.connections}`)).toEqual([
      'ChildCard/1',
      'ChildCard/16',
      'ChildCard/64',
      'RegistryPage/1',
      'RegistryPage/4',
      'RegionalIndicators/1',
      'Search/1',
    ])
    for (const row of region!.results) {
      // Hive Gateway cannot plan the indicators' staffing fields (bench/hive/gateway.ts).
      const hive = row.workload !== 'RegionalIndicators'
      expect(row.equal, row.workload).toEqual({ hive: hive ? true : null, monolith: true })
      expect(row.hive === null, row.workload).toBe(!hive)
      for (const system of [row.ours, row.monolith, ...(hive ? [row.hive] : [])]) {
        // With one connection every system answers within the run; under more, a slow one may not finish any.
        if (row.connections === 1) expect(system!.requests, row.workload).toBeGreaterThan(0)
        expect(system!.failures, row.workload).toBe(0)
      }
    }
    expect(output).toMatch(/RegionalIndicators computed after a write .*p50: [\d,.]+ ms/)
    expect(region!.indicatorsComputedMs).toBeGreaterThan(0)
    for (const name of ['social', 'health', 'education', 'ngo']) {
      expect(region!.registryPageStatements[name], name).toBeGreaterThan(0)
      expect(region!.memory[name]!.rssMiB, name).toBeGreaterThan(0)
    }
    expect(Object.keys(region!.memory)).toEqual(expect.arrayContaining(['gateway', 'monolith', 'hive']))
  }, 300_000)
})
