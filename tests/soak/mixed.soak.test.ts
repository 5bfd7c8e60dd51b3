import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HubServiceName } from '../../scripts/hub-processes.js'
import { backends } from '@hub/testing/databases'
import { startLoad, type Load, type LoadWindow } from '../support/load.js'
import { countKeptWrites, startHubWithChild, type ProcessDatabases, type ProcessHub } from '../support/process-hub.js'

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300)
const SAMPLE_MS = 10_000
/** The first fifth of the run warms caches, plans and pools; memory is compared after it, first half to second. */
const WARM_UP_SHARE = 0.2
/** How much a process's memory may grow after the warm-up before it counts as not flat. */
const GROWTH_SHARE = 0.25
const GROWTH_FLOOR_MIB = 40

const backend = backends.includes('postgres') ? 'postgres' : 'pglite'

/** Resident memory of a process in MiB, from /proc (Linux) or ps. */
function rssMiB(pid: number) {
  try {
    const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    if (kib) return Number(kib) / 1024
  } catch {
    // not Linux
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024
}

describe(`soak: mixed reads and writes for ${SECONDS} s (${backend})`, () => {
  let started: Awaited<ReturnType<typeof startHubWithChild>>
  let databases: ProcessDatabases
  let hub: ProcessHub
  let load: Load
  let childId: string

  beforeAll(async () => {
    started = await startHubWithChild(backend)
    ;({ databases, hub, childId } = started)
  }, 180_000)

  afterAll(async () => {
    await load?.stop()
    await started?.stop()
  })

  it('answers every request without a 5xx or an error, keeps every write, and holds its memory flat', async () => {
    load = startLoad(`${hub.gatewayUrl}/graphql`, started.callers, { childId, concurrency: 8 })
    const names = Object.keys(hub.processes) as HubServiceName[]
    const samples: { second: number; rss: Record<string, number> }[] = []
    const windows: LoadWindow[] = []
    const began = performance.now()
    while (performance.now() - began < SECONDS * 1_000) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS))
      windows.push(await load.take())
      const rss = Object.fromEntries(names.map((name) => [name, rssMiB(hub.processes[name].pid!)]))
      samples.push({ second: Math.round((performance.now() - began) / 1_000), rss })
    }
    await load.stop()

    const total = windows.reduce(
      (sum, window) => ({
        requests: sum.requests + window.requests,
        failed: sum.failed + window.requests - (window.statuses[200] ?? 0),
        errors: sum.errors + Object.values(window.errorCodes).reduce((a, b) => a + b, 0),
        slowestMs: Math.max(sum.slowestMs, window.slowestMs),
      }),
      { requests: 0, failed: 0, errors: 0, slowestMs: 0 },
    )
    // Resident memory moves with each garbage collection, so halves are compared by their medians, after the warm-up.
    const measured = samples.slice(Math.floor(samples.length * WARM_UP_SHARE))
    const halves = [measured.slice(0, measured.length / 2), measured.slice(measured.length / 2)]
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    const rows = names.map((name) => ({
      service: name,
      firstMiB: Math.round(median(halves[0]!.map((sample) => sample.rss[name]!))),
      secondMiB: Math.round(median(halves[1]!.map((sample) => sample.rss[name]!))),
      peakMiB: Math.round(Math.max(...samples.map((sample) => sample.rss[name]!))),
    }))
    console.log(
      [
        `soak ${SECONDS} s, ${backend}, 8 connections: ${total.requests} requests (${(total.requests / SECONDS).toFixed(1)}/s), ` +
          `${total.failed} not 200, ${total.errors} errors, slowest ${Math.round(total.slowestMs)} ms; ` +
          `writes acknowledged: ${load.acknowledged.children.length} children, ${load.acknowledged.detectionEvents.length} detection events`,
        `RSS (MiB), medians of ${measured[0]!.second}–${halves[1]![0]!.second} s / of the rest / peak:`,
        ...rows.map((row) => `  ${row.service.padEnd(10)} ${row.firstMiB} / ${row.secondMiB} / ${row.peakMiB}`),
        `RSS per sample (MiB): ${names.join(', ')}`,
        ...samples.map(
          (sample) =>
            `  ${String(sample.second).padStart(5)} s  ${names.map((n) => Math.round(sample.rss[n]!)).join('  ')}`,
        ),
      ].join('\n'),
    )

    expect(total.requests).toBeGreaterThan(SECONDS)
    expect(total.failed).toBe(0)
    expect(total.errors, windows.flatMap((window) => window.messages).join('\n')).toBe(0)
    for (const row of rows) {
      expect(row.secondMiB, `${row.service} grew from ${row.firstMiB} MiB`).toBeLessThanOrEqual(
        Math.max(row.firstMiB * (1 + GROWTH_SHARE), row.firstMiB + GROWTH_FLOOR_MIB),
      )
    }

    await hub.stop()
    const { children, detectionEvents } = load.acknowledged
    expect(await countKeptWrites(databases, load.acknowledged)).toEqual({
      children: children.length,
      detectionEvents: detectionEvents.length,
    })
  })
})
