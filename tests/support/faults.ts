import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net'

/**
 * What the proxy does with a connection:
 * - `pass`: forwards it to the subgraph;
 * - `refuse`: is not listening, so connections are refused, as to a stopped process;
 * - `reset`: takes the request and breaks the connection without an answer, as a process killed mid-request.
 */
export type FaultMode = 'pass' | 'refuse' | 'reset'

/**
 * A TCP proxy on loopback in front of a real subgraph or database, whose behaviour a test switches: the gateway (or
 * the subgraph) calls the proxy's URL, and what is behind it stays as it is. Counts the HTTP requests that reached it.
 */
export async function startFaultProxy(target: string) {
  const targetUrl = new URL(target)
  const sockets = new Set<Socket>()
  let mode: FaultMode = 'pass'
  let requests = 0
  let breakNext = 0
  let server: Server | null = null

  const onConnection = (client: Socket) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => client.destroy())
    if (mode === 'pass') {
      const upstream = connect(Number(targetUrl.port), targetUrl.hostname)
      sockets.add(upstream)
      upstream.on('close', () => {
        sockets.delete(upstream)
        client.destroy()
      })
      upstream.on('error', () => client.destroy())
      client.on('close', () => upstream.destroy())
      client.on('data', (chunk: Buffer) => {
        const started = countRequests(chunk)
        requests += started
        if (started > 0 && breakNext > 0) {
          breakNext -= 1
          client.resetAndDestroy()
          return
        }
        upstream.write(chunk)
      })
      upstream.pipe(client)
      return
    }
    // `reset`: the request is counted, then its connection broken.
    client.on('data', (chunk: Buffer) => {
      requests += countRequests(chunk)
      client.resetAndDestroy()
    })
  }

  const listen = async (port: number) => {
    server = createServer(onConnection)
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve))
    return (server.address() as AddressInfo).port
  }
  const stopListening = async () => {
    for (const socket of sockets) socket.destroy()
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()))
    server = null
  }

  const port = await listen(0)
  // The target's URL with the proxy's address: a subgraph's GraphQL URL, or a database's, its user and name kept.
  const url = new URL(target)
  url.hostname = '127.0.0.1'
  url.port = String(port)
  return {
    url: url.toString(),
    get requests() {
      return requests
    },
    /** Breaks the connection of each of the next `count` requests before it reaches the subgraph, then passes again. */
    breakNextRequests(count: number) {
      breakNext = count
    },
    /** Switches behaviour; the connections already open are broken, as when a process dies or comes back. */
    async set(next: FaultMode) {
      mode = next
      if (next === 'refuse') return stopListening()
      for (const socket of sockets) socket.destroy()
      if (!server) await listen(port)
    },
    close: stopListening,
  }
}

export type FaultProxy = Awaited<ReturnType<typeof startFaultProxy>>

/** The HTTP requests that begin in a chunk: the gateway's calls are POSTs, one per request line. */
function countRequests(chunk: Buffer) {
  return chunk.toString('latin1').match(/^POST \//gm)?.length ?? 0
}
