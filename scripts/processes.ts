import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
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
 * Where named ports are taken from: below the ephemeral ranges (Linux 32768–60999, others 49152–65535) that the
 * system hands out for port-0 listeners and outgoing connections. A port found free in that range could be taken by
 * another test's server or a connection's local end before the process named for it listens.
 */
const NAMED_PORTS = { from: 20_000, to: 32_000 }

function isFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/**
 * Ports that were free a moment ago, for processes that must be named in advance: fixed numbers collide with another
 * hub or test run on the same machine, so they are drawn at random from `NAMED_PORTS`.
 */
export async function freePorts(count: number) {
  const ports = new Set<number>()
  while (ports.size < count) {
    const candidate = NAMED_PORTS.from + Math.floor(Math.random() * (NAMED_PORTS.to - NAMED_PORTS.from))
    if (!ports.has(candidate) && (await isFree(candidate))) ports.add(candidate)
  }
  return [...ports]
}
