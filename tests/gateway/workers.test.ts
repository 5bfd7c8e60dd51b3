import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePorts, spawnService, stopService, waitUntilUp } from '../../scripts/processes.js'

/** Which worker answers `/healthz` on a new connection each time. */
async function workerOf(origin: string) {
  const response = await request(`${origin}/healthz`, {
    headers: { connection: 'close' },
    headersTimeout: 2_000,
    bodyTimeout: 2_000,
  })
  return ((await response.body.json()) as { worker: number | null }).worker
}

/** The processes the primary started (Linux). */
function workerPids(primary: ChildProcess) {
  return readFileSync(`/proc/${primary.pid}/task/${primary.pid}/children`, 'utf8').trim().split(/\s+/).map(Number)
}

async function workersAnswering(origin: string, attempts = 20) {
  const seen = new Set<number | null>()
  for (let i = 0; i < attempts; i++) seen.add(await workerOf(origin))
  return seen
}

describe('the gateway with GATEWAY_WORKERS=2', () => {
  let gateway: ChildProcess
  let origin: string
  const keysDir = mkdtempSync(join(tmpdir(), 'gateway-workers-'))

  beforeAll(async () => {
    const [port] = (await freePorts(1)) as [number]
    origin = `http://127.0.0.1:${port}`
    gateway = spawnService(
      'gateway',
      'gateway/src/main.ts',
      {
        ...process.env,
        NODE_ENV: 'development',
        APOLLO_TELEMETRY_DISABLED: '1',
        GATEWAY_PORT: String(port),
        GATEWAY_WORKERS: '2',
        HUB_DEV_KEYS_DIR: keysDir,
      },
      'ignore',
    )
    await waitUntilUp(`${origin}/healthz`, gateway)
    // The second worker may still be starting when the first answers.
    for (let i = 0; i < 50 && (await workersAnswering(origin, 4)).size < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }, 90_000)
  afterAll(async () => {
    if (gateway) await stopService(gateway)
    rmSync(keysDir, { recursive: true, force: true })
  })

  it('shares the port between two worker processes', async () => {
    expect([...(await workersAnswering(origin))].sort()).toEqual([1, 2])
  })

  it('replaces a worker that dies and keeps answering meanwhile', async () => {
    const workers = workerPids(gateway)
    expect(workers).toHaveLength(2)
    process.kill(workers[0]!, 'SIGKILL')
    // Until the primary has replaced it: the other worker answers meanwhile, then the new one (cluster id 3) too.
    const seen = new Set<number | null>()
    const deadline = Date.now() + 50_000
    while (Date.now() < deadline && !seen.has(3)) {
      await new Promise((resolve) => setTimeout(resolve, 300))
      for (let i = 0; i < 4; i++) {
        try {
          seen.add(await workerOf(origin))
        } catch {
          // a connection handed to the killed worker before the primary saw it end
        }
      }
    }
    expect(seen.has(3)).toBe(true)
    expect([...seen].filter((worker) => worker !== 3)).toHaveLength(1)
    expect(workerPids(gateway)).toHaveLength(2)
  }, 60_000)

  it('stops every worker when the primary is told to stop', async () => {
    const workers = workerPids(gateway)
    expect(workers).toHaveLength(2)
    await stopService(gateway)
    expect(gateway.exitCode).toBe(0)
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow()
  })
})
