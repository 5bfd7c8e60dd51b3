import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGateway } from '../../gateway/src/server.js'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { startSubgraphServer } from '@hub/subgraph-kit/server'
import { type RunningService } from '@hub/platform/service'
import type { TransportLimits } from '@hub/platform/transport'
import { authorizationFor, testGatewaySigner, testGatewayVerifier, testVerifier, viewers } from '@hub/testing/auth'
import { backends, openTestDatabase, type TestDatabase } from '@hub/testing/databases'
import { supergraphSdl } from '../support/hub.js'
import { subgraphs } from '../support/subgraphs.js'
import { NO_SOCIAL_URL, sideGrants } from '@hub/testing/subgraph'
import type { DB as HealthDB } from '../../subgraphs/health/src/db/database.js'
import { healthSubgraph } from '../../subgraphs/health/test/support/subgraph.js'

/** Short bounds, so that the test is quick; Node's own were 60 s for headers and 300 s for a request. */
const TRANSPORT: Partial<TransportLimits> = { headersTimeoutMs: 500, requestTimeoutMs: 1_000, maxConnections: 3 }
/** What the server may take beyond a bound: it looks for expired requests every quarter of the headers timeout. */
const SLACK_MS = 1_500

function open(url: string) {
  const { hostname, port } = new URL(url)
  return new Promise<Socket>((resolveOpen, reject) => {
    const socket = connect(Number(port), hostname, () => resolveOpen(socket))
    socket.on('error', reject)
  })
}

/**
 * Writes `head` at once, then `trickle` one byte every 100 ms, as a slow client would, until the server closes the
 * connection; resolves with how long it held it and what it answered.
 */
async function sendSlowly(url: string, head: string, trickle: string) {
  const socket = await open(url)
  const started = performance.now()
  let answer = ''
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
  socket.write(head)
  let sent = 0
  const timer = setInterval(() => {
    if (sent < trickle.length && !socket.destroyed) socket.write(trickle[sent++]!)
  }, 100)
  await new Promise<void>((resolveClose) => socket.on('close', () => resolveClose()))
  clearInterval(timer)
  return { ms: performance.now() - started, answer, sentAll: sent >= trickle.length }
}

describe.each(backends)('slow clients at every door (%s)', (backend) => {
  let database: TestDatabase<HealthDB>
  let health: RunningService
  let gateway: RunningService
  let authorization: string

  beforeAll(async () => {
    database = await openTestDatabase<HealthDB>(healthSubgraph, backend)
    health = await startSubgraphServer(subgraphs.health.create({ db: database.db, grants: sideGrants('health') }), {
      host: '127.0.0.1',
      port: 0,
      verifier: testVerifier,
      database: database.db,
      transport: TRANSPORT,
    })
    gateway = await startGateway(
      {
        supergraphSdl,
        verifier: testGatewayVerifier,
        callSigner: testGatewaySigner,
        subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { url: NO_SOCIAL_URL, timeoutMs: 1_000 }])),
      },
      { host: '127.0.0.1', port: 0, transport: TRANSPORT },
    )
    authorization = await authorizationFor(viewers.specialist('health'))
  })
  afterAll(async () => {
    await gateway?.stop()
    await health?.stop()
    await database?.close()
  })

  const doors = () => [
    ['gateway', gateway.url],
    ['subgraph', health.url],
  ]

  it('cuts off a client that sends its headers a byte at a time within the headers timeout', async () => {
    for (const [, url] of doors()) {
      const { pathname, host } = new URL(url!)
      const held = await sendSlowly(
        url!,
        `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\n`,
        `X-Slow: ${'a'.repeat(200)}\r\n\r\n`,
      )
      expect(held.sentAll).toBe(false)
      expect(held.ms).toBeGreaterThanOrEqual(TRANSPORT.headersTimeoutMs! - 50)
      expect(held.ms).toBeLessThan(TRANSPORT.headersTimeoutMs! + SLACK_MS)
      expect(held.answer).toMatch(/^HTTP\/1\.1 408 /)
    }
  })

  it('cuts off a signed-in client that sends its body a byte at a time within the request timeout', async () => {
    for (const [, url] of doors()) {
      const { pathname, host } = new URL(url!)
      const body = JSON.stringify({ query: `{ __typename }`, variables: { padding: 'x'.repeat(200) } })
      const held = await sendSlowly(
        url!,
        `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n` +
          `Authorization: ${authorization}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
        body,
      )
      expect(held.sentAll).toBe(false)
      expect(held.ms).toBeLessThan(TRANSPORT.requestTimeoutMs! + SLACK_MS)
    }
  })

  it('holds no more connections than its cap: a further one is closed as it opens', async () => {
    for (const [, url] of doors()) {
      const held = await Promise.all([open(url!), open(url!), open(url!)])
      // Let the server count them before the next one comes.
      await new Promise((resolveWait) => setTimeout(resolveWait, 100))
      const further = await open(url!)
      const closed = await new Promise<boolean>((resolveClosed) => {
        further.on('close', () => resolveClosed(true))
        setTimeout(() => resolveClosed(false), 1_000)
      })
      expect(closed).toBe(true)
      for (const socket of held) socket.destroy()
      await new Promise((resolveWait) => setTimeout(resolveWait, 100))
    }
  })
})
