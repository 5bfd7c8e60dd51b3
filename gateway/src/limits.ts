import { ApolloArmor } from '@escape.tech/graphql-armor'
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express'
import { GraphQLError, type GraphQLFormattedError, type ValidationContext, type ValidationRule } from 'graphql'
import { hubError } from '../../subgraphs/kit/src/errors.js'

/** A caller may send `requests` requests per `windowMs`, refilled continuously (a token bucket). */
export interface RateLimit {
  requests: number
  windowMs: number
}

/**
 * What one request may ask of the gateway. A request over any of them is
 * refused before the gateway plans it, so no subgraph ever sees it.
 */
export interface GatewayLimits {
  /** Nesting of selections, fragments counted where they are spread. */
  maxDepth: number
  maxAliases: number
  /** Lexical tokens of the query document: bounds the parser's work on a huge query. */
  maxTokens: number
  maxDirectives: number
  /** graphql-armor's cost: 2 per object and 1 per scalar field, times 1.5 per level of nesting. */
  maxCost: number
  /** Operations in one HTTP request; 1 means an array body (a batch) is refused. */
  maxBatchOperations: number
  maxBodyBytes: number
  rateLimit: RateLimit
}

/**
 * The deepest committed operation, ChildCard, has depth 7; the costliest,
 * QuarterlyReport (every indicator of the region and the main ones of each
 * municipality), costs about 5,300; none uses aliases or directives. These
 * leave room to grow and are checked against every committed operation by
 * tests/gateway/limits.test.ts.
 */
export const DEFAULT_LIMITS: Readonly<GatewayLimits> = Object.freeze({
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxCost: 10_000,
  maxBatchOperations: 1,
  // Many times the largest committed operation with its variables: the query itself is bounded by maxTokens.
  maxBodyBytes: 256 * 1024,
  rateLimit: Object.freeze({ requests: 600, windowMs: 60_000 }),
})

export type LimitName = 'depth' | 'aliases' | 'tokens' | 'directives' | 'cost' | 'batch' | 'body' | 'rate'

/**
 * A request over a limit is the client's to fix, so it is BAD_USER_INPUT
 * from the closed set; `extensions.limit` says which limit it broke.
 */
export function limitExceeded(limit: LimitName, message: string, extensions: Record<string, unknown> = {}) {
  return hubError('BAD_USER_INPUT', message, { ...extensions, limit })
}

/**
 * graphql-armor's depth, alias, directive and cost rules, run by Apollo
 * with GraphQL's own validation. Two of armor's Apollo protections stay
 * off: its token limit runs as a plugin whose unexpected-error hook turns
 * every internal fault into a validation error that would pass unmasked
 * (Apollo's own `parseOptions.maxTokens` does the job instead), and its
 * field-suggestion mask misses "Did you mean the enum value …" (the
 * gateway strips suggestions itself in production).
 */
export function queryLimitRules(limits: GatewayLimits): ValidationRule[] {
  const reportAs = (limit: LimitName) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(limitExceeded(limit, `query: ${error.message.replace(/^Syntax Error: /, '')}`)),
    ],
  })
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...reportAs('depth') },
    maxAliases: { n: limits.maxAliases, ...reportAs('aliases') },
    maxDirectives: { n: limits.maxDirectives, ...reportAs('directives') },
    costLimit: { maxCost: limits.maxCost, flattenFragments: true, ...reportAs('cost') },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect().validationRules
}

// graphql-js's message when `parseOptions.maxTokens` stops the parser (its typo "more that" included).
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/

/**
 * Apollo reports every validation failure as GRAPHQL_VALIDATION_FAILED and
 * the parser's token limit as a syntax error; this gives a limit's refusal
 * its BAD_USER_INPUT code back.
 */
export function codeLimitErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code
  if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof formatted.extensions?.limit === 'string') {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } }
  }
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null
  if (tokens) return limitExceeded('tokens', `query: Token limit of ${tokens[1]} exceeded.`).toJSON()
  return formatted
}

function refuse(res: Response, status: number, error: GraphQLError) {
  res.status(status).json({ errors: [error.toJSON()] })
}

/**
 * Parses the JSON body within the size limit and refuses a batch over the
 * batch limit, before Apollo and before the token is checked. Body
 * errors come out as GraphQL errors rather than Express's HTML page.
 */
export function requestBodyLimits(limits: GatewayLimits): (RequestHandler | ErrorRequestHandler)[] {
  const checkBatch: RequestHandler = (req, res, next) => {
    const body: unknown = req.body
    if (!Array.isArray(body)) return next()
    if (limits.maxBatchOperations <= 1) {
      return refuse(
        res,
        400,
        limitExceeded('batch', 'request body: batched operations are not accepted; send one operation per request'),
      )
    }
    if (body.length > limits.maxBatchOperations) {
      return refuse(
        res,
        400,
        limitExceeded(
          'batch',
          `request body: a batch may hold at most ${limits.maxBatchOperations} operations, got ${body.length}`,
        ),
      )
    }
    next()
  }
  const bodyErrors: ErrorRequestHandler = (error: { type?: string }, _req, res, next) => {
    if (error.type === 'entity.too.large') {
      return refuse(
        res,
        413,
        limitExceeded('body', `request body: larger than the gateway's limit of ${limits.maxBodyBytes} bytes`),
      )
    }
    if (error.type === 'entity.parse.failed') {
      // Apollo's own code for a request it cannot read (no query, a wrong content type).
      return refuse(res, 400, new GraphQLError('request body: not valid JSON', { extensions: { code: 'BAD_REQUEST' } }))
    }
    next(error)
  }
  return [express.json({ limit: limits.maxBodyBytes }), checkBatch, bodyErrors]
}
