import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const dataDir = mkdtempSync(join(tmpdir(), 'hub-signal-'))

/** Runs a service as its own process, as `npm run start:*` does, until it prints that it is ready. */
function run(entry: string, env: NodeJS.ProcessEnv) {
  // As a user runs it: vitest's NODE_ENV=test would change how Apollo Server treats signals.
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, NODE_ENV: 'development', HUB_DEV_KEYS_DIR: join(dataDir, 'auth'), ...env },
  })
  const ready = new Promise<void>((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('ready at')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${output}`)))
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, ready, exited }
}

describe('stopping a service', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'a subgraph exits with 0 on %s after closing its database',
    async (signal) => {
      const service = run('subgraphs/ngo/src/main.ts', { NGO_PORT: '0', NGO_DATA_DIR: join(dataDir, signal) })
      await service.ready
      service.child.kill(signal)
      expect(await service.exited).toBe(0)
    },
    60_000,
  )

  it('the gateway exits with 0 on SIGTERM', async () => {
    const gateway = run('gateway/src/main.ts', { GATEWAY_PORT: '0' })
    await gateway.ready
    gateway.child.kill('SIGTERM')
    expect(await gateway.exited).toBe(0)
  }, 60_000)
})
