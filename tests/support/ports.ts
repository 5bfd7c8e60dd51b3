import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'

/**
 * Ports that were free a moment ago, for processes a test spawns and must
 * name in advance: fixed numbers collide with another test run on the
 * same machine.
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
