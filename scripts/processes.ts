import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fetch } from 'undici'

/** Where a service's output lines go: printed with its name (the default), or kept quiet. */
export type ServiceOutput = 'prefixed' | 'ignore'

/** A service run as its own process, its output prefixed with its name. */
export function spawnService(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv = process.env,
  output: ServiceOutput = 'prefixed',
) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env,
    stdio: ['ignore', output === 'ignore' ? 'ignore' : 'pipe', 'pipe'],
  })
  const label = `[${name}]`.padEnd(12)
  // Errors are printed either way: a quiet service that fails must still say why.
  const streams = output === 'ignore' ? [child.stderr] : [child.stdout, child.stderr]
  for (const stream of streams) {
    if (stream) createInterface({ input: stream }).on('line', (line) => console.log(`${label}${line}`))
  }
  return child
}

/** Polls a URL until it answers 2xx, the process dies, or the deadline passes. */
export async function waitUntilUp(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) })
      await response.body?.cancel()
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${url}: no answer within ${timeoutMs} ms`)
}

/** Sends SIGTERM and waits for the exit, so each service drains its in-flight requests. */
export function stopService(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
