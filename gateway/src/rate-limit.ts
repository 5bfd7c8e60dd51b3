import { HeaderMap } from '@apollo/server'
import { rateLimitExceeded } from '@hub/platform/limits'
import type { RateLimit } from '@hub/platform/rate-limit'

/** HTTP 429 with `Retry-After`, as Apollo sends an error's `extensions.http`. */
export function rateLimited({ requests, windowMs }: RateLimit, retryAfterSeconds: number) {
  return rateLimitExceeded(
    `authorization: more than ${requests} operations in ${windowMs / 1000} s from this caller; retry after ${retryAfterSeconds} s`,
    retryAfterSeconds,
    {
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  )
}
