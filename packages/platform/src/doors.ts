import type { IncomingMessage } from 'node:http'
import type { RequestHandler } from 'express'
import { GraphQLError } from 'graphql'
import type { TokenVerifier } from './auth/tokens.js'
import type { Viewer } from './auth/viewer.js'
import { refuse } from './limits.js'

/**
 * Verifies the bearer token before the body is read: a request without a valid token is answered 401 at once, so a
 * caller without one cannot make the service read and parse a body up to the size limit. The verifier remembers the
 * tokens it has verified, so the GraphQL context's own check of the same token costs a lookup.
 */
export function tokenBeforeBody(verifier: TokenVerifier, onRefused: (error: GraphQLError) => void): RequestHandler {
  return (req, res, next) => {
    verifier.verify(req.headers.authorization).then(
      () => next(),
      (error: unknown) => {
        if (!(error instanceof GraphQLError)) return next(error)
        onRefused(error)
        // The body is left unread: the connection is closed after the answer rather than drained for the next request.
        res.setHeader('connection', 'close')
        refuse(res, 401, error)
      },
    )
  }
}

/**
 * Who may read a service's operational detail (`/readyz`: internal URLs, circuits, database latency): an
 * administrator of any side, or a subgraph's service token.
 */
export function isOperator(viewer: Viewer) {
  return viewer.role === 'administrator' || viewer.role === 'service'
}

/** Whether the request carries a verified operator's token; a missing or bad token is no operator, not an error. */
export async function fromOperator(req: IncomingMessage, verifier: TokenVerifier) {
  if (!req.headers.authorization) return false
  try {
    return isOperator(await verifier.verify(req.headers.authorization))
  } catch {
    return false
  }
}
