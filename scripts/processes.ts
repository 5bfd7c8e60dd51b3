import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import { createInterface } from 'node:readline'
import { fetch } from 'undici'

/** Where a service's output lines go: printed with its name (the default), or kept quiet. */
export type ServiceOutput = 'prefixed' | 'ignore'

/**
 * A service run as its own process, its output prefixed with its name: a bundle (`.mjs`) as it is, TypeScript through
 * tsx.
 */
export function spawnService(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv = process.env,
  output: ServiceOutput = 'prefixed',
) {
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry]
  const child = spawn(process.execPath, args, {
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

/**
 * Ports that were free a moment ago, for processes that must be named in advance: fixed numbers collide with another
 * hub or test run on the same machine.
 */
export async function freePorts(count: number) {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createServer()
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return server
    }),
  )
  const ports = servers.map((server) => (server.address() as AddressInfo).port)
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))))
  return ports
}
