import type { RequestHandler } from 'express'
import { rateLimitExceeded, refuse } from './limits.js'

/** A caller may send `requests` requests per `windowMs`, refilled continuously (a token bucket). */
export interface RateLimit {
  requests: number
  windowMs: number
}

interface Bucket {
  tokens: number
  at: number
}

/**
 * A token bucket per caller, in this process's memory: a caller starts
 * with `requests` tokens, each operation takes one, and they come back at
 * `requests` per `windowMs`. Several replicas each count their own.
 */
export function createRateLimiter({ requests, windowMs }: RateLimit, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>()
  const refilled = (bucket: Bucket, time: number) =>
    Math.min(requests, bucket.tokens + ((time - bucket.at) * requests) / windowMs)
  let sweptAt = now()

  return {
    /** Takes `cost` tokens from the caller's bucket: 0 when it held them, else the seconds until it will. */
    take(key: string, cost: number): number {
      const time = now()
      // A full bucket is the same as none, so forgetting them keeps memory to the callers of the last window.
      if (time - sweptAt >= windowMs) {
        for (const [held, bucket] of buckets) if (refilled(bucket, time) >= requests) buckets.delete(held)
        sweptAt = time
      }
      const bucket = buckets.get(key)
      const tokens = bucket ? refilled(bucket, time) : requests
      if (tokens >= cost) {
        buckets.set(key, { tokens: tokens - cost, at: time })
        return 0
      }
      buckets.set(key, { tokens, at: time })
      return Math.max(1, Math.ceil(((cost - tokens) * windowMs) / requests / 1000))
    },
  }
}

/**
 * HTTP 429 for more than `limit` requests from one network address, answered before the token is read: a flood of
 * made-up tokens costs a map lookup each, not a signature check. The per-caller limit, which needs the verified
 * token, comes after. An address may be a gateway carrying many users' requests, so a subgraph's limit is sized for
 * the whole hub's traffic and the gateway's for an office behind one NAT.
 */
export function addressRateLimit(limit: RateLimit): RequestHandler {
  const limiter = createRateLimiter(limit)
  return (req, res, next) => {
    const retryAfter = limiter.take(req.socket.remoteAddress ?? 'unknown', 1)
    if (retryAfter === 0) return next()
    res.setHeader('retry-after', String(retryAfter))
    refuse(
      res,
      429,
      rateLimitExceeded(
        `request: more than ${limit.requests} requests in ${limit.windowMs / 1000} s from this address; retry after ${retryAfter} s`,
        retryAfter,
      ),
    )
  }
}
