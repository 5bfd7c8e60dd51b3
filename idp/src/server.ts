import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createDevIdentityProvider, type DevIdentityProviderOptions } from './provider.js'

export type DevIdentityProvider = Awaited<ReturnType<typeof startDevIdentityProvider>>

/**
 * Starts the development identity provider on `host:port` (0: a free port); its issuer is the address it listens
 * on. `users` is the list it signs in from, which a test may extend while it runs.
 */
export async function startDevIdentityProvider({
  host = '127.0.0.1',
  port,
  ...options
}: Omit<DevIdentityProviderOptions, 'issuer'> & { host?: string; port: number }) {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`
  const provider = createDevIdentityProvider({ ...options, issuer })
  server.on('request', provider.callback())
  return {
    issuer,
    users: options.users,
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
