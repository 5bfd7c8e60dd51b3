import { createServer, type RequestListener, type Server } from 'node:http'
import type { RateLimit } from './rate-limit.js'

/** How long and how many connections a service's HTTP server holds, and how often one address may ask it. */
export interface TransportLimits {
  /** A request's headers must arrive within this; a client sending them a byte at a time is cut off. */
  headersTimeoutMs: number
  /** The whole request, body included, must arrive within this (not the answer: that is bounded elsewhere). */
  requestTimeoutMs: number
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number
  /** Connections held at once; a further one is closed as it opens. */
  maxConnections: number
  /** Requests per window from one network address, counted before the token is read (`addressRateLimit`). */
  addressRateLimit: RateLimit
}

/**
 * Node's own bounds are 60 s for headers and 300 s for a request, checked every 30 s: a slow client held a
 * connection for minutes. A request of the hub is a few hundred kilobytes at most, sent at once.
 */
const TRANSPORT_DEFAULTS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
}

/**
 * The gateway is called by people's browsers, many behind one office address; a subgraph by the gateway (all users'
 * requests from one address, or a few replicas) and the other subgraphs.
 */
export const DEFAULT_TRANSPORT: Readonly<Record<'gateway' | 'subgraph', Readonly<TransportLimits>>> = Object.freeze({
  gateway: Object.freeze({
    ...TRANSPORT_DEFAULTS,
    addressRateLimit: Object.freeze({ requests: 6_000, windowMs: 60_000 }),
  }),
  subgraph: Object.freeze({
    ...TRANSPORT_DEFAULTS,
    addressRateLimit: Object.freeze({ requests: 60_000, windowMs: 60_000 }),
  }),
})

/** An HTTP server that cuts slow clients off within the bounds and holds at most `maxConnections`. */
export function createHttpServer(listener: RequestListener, limits: TransportLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node looks for expired requests this often; its 30 s would let a slow client outlive a short timeout.
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    listener,
  )
  server.maxConnections = limits.maxConnections
  return server
}
