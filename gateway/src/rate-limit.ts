import { HeaderMap } from '@apollo/server'
import type { Viewer } from '../../subgraphs/kit/src/auth/viewer.js'
import { limitExceeded, type RateLimit } from './limits.js'

interface Bucket {
  tokens: number
  at: number
}

/**
 * A token bucket per caller, in this process's memory: a caller starts
 * with `requests` tokens, each operation takes one, and they come back at
 * `requests` per `windowMs`. Several gateway replicas each count their own.
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

/** Whose bucket a request draws on: the person the token vouches for, on their side. */
export function rateLimitKey(viewer: Viewer) {
  return `${viewer.side ?? 'public'}:${viewer.subject}`
}

/** HTTP 429 with `Retry-After`, as Apollo sends an error's `extensions.http`. */
export function rateLimited({ requests, windowMs }: RateLimit, retryAfterSeconds: number) {
  return limitExceeded(
    'rate',
    `authorization: more than ${requests} operations in ${windowMs / 1000} s from this caller; retry after ${retryAfterSeconds} s`,
    {
      retryAfter: retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  )
}
