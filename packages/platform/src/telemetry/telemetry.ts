import { randomUUID, timingSafeEqual } from 'node:crypto'
import type { ApolloServerPlugin, BaseContext } from '@apollo/server'
import type { Span } from '@opentelemetry/api'
import type { Express, NextFunction, Request, Response } from 'express'
import type { DestinationStream } from 'pino'
import type { LogLevel } from './config.js'
import { createLogger, type Logger } from './logger.js'
import { createServiceMetrics, type PoolStats, type ServiceMetrics } from './metrics.js'
import { createTracing, endSpan, traceHeaders, type Tracing } from './tracing.js'

/** The header that carries one client request's id from the gateway to every subgraph and back to the client. */
export const REQUEST_ID_HEADER = 'x-request-id'

/** An id a client may choose: short, and of characters that cannot break a log line or a header. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** What one HTTP request to a service is known by, from its arrival to its answer's last byte. */
export interface RequestScope {
  id: string
  startedAt: number
  /** The client's operation name (for a batch, the first operation's). */
  operation?: string | null
  /** The token's `sub` once verified: a user or service account, never a child's or family's data. */
  subject?: string
  failed: boolean
  span?: Span
}

/**
 * Each request's scope, by its `req`. Not an AsyncLocalStorage: that would make every promise of the process carry
 * it, doubling the cost of each `await` in the subgraphs' resolvers and loaders.
 */
const scopes = new WeakMap<object, RequestScope>()

/**
 * The scope inside a GraphQL context. A property, not a WeakMap entry: Apollo runs each operation with a shallow copy
 * of the context (`Object.assign`), which keeps the property and loses the identity.
 */
const SCOPE = Symbol('request scope')

type Scoped = { [SCOPE]?: RequestScope }

export interface TelemetryOptions {
  service: string
  logLevel: LogLevel
  /** The OTLP/HTTP traces URL; unset: no spans. */
  tracesUrl?: string
  /** The bearer token `/metrics` requires; unset: none. */
  metricsToken?: string
  /** Where log lines go instead of stdout (tests read them). */
  logDestination?: DestinationStream
  /** A logger made before the telemetry (for the database the pool gauges read); unset: one is made. */
  logger?: Logger
  poolStats?: () => PoolStats
}

export interface Telemetry {
  service: string
  logger: Logger
  metrics: ServiceMetrics
  tracing?: Tracing
  /** Gives every request an id and a scope, and logs and counts it when its answer is sent. */
  observeRequests(req: Request, res: Response, next: NextFunction): void
  /** Makes the request's scope known by its GraphQL context (call in the context function). */
  bind(req: Request, context: object): void
  /** The scope of the request a GraphQL context (or Apollo's copy of it) was made for. */
  scopeOf(context: object): RequestScope | undefined
  /** The headers a call to another service made for this request carries: its id and, with tracing, its trace. */
  callHeaders(req: Request): Record<string, string>
  /** Counts a request's GraphQL errors by code and records who asked; `subjectOf` reads the caller from the context. */
  plugin<C extends BaseContext>(subjectOf: (context: C) => string | undefined): ApolloServerPlugin<C>
  /** `GET /metrics` in Prometheus' text format. */
  mountMetrics(app: Express): void
  stop(): Promise<void>
}

/**
 * The subgraphs strip the gateway's suffix from the operation names of its fetches (`ChildCard__health__2`), so
 * that every service reports a request under the client's operation.
 */
export function clientOperationName(name: string | null | undefined) {
  return name ? name.replace(/__[a-z]+__\d+$/, '') : null
}

function operationNameOf(body: unknown) {
  const first: unknown = Array.isArray(body) ? body[0] : body
  const name = (first as { operationName?: unknown } | undefined)?.operationName
  return typeof name === 'string' ? name : null
}

export function createTelemetry({
  service,
  logLevel,
  tracesUrl,
  metricsToken,
  logDestination,
  logger = createLogger(service, logLevel, logDestination),
  poolStats,
}: TelemetryOptions): Telemetry {
  const metrics = createServiceMetrics(service, poolStats)
  const tracing = tracesUrl ? createTracing(service, tracesUrl) : undefined

  function countError(code: unknown) {
    metrics.graphqlErrors.inc({
      code: metrics.errorCodeLabel(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR'),
    })
  }

  function finished(req: Request, res: Response, scope: RequestScope) {
    const seconds = (performance.now() - scope.startedAt) / 1000
    const failed = scope.failed || res.statusCode >= 400
    // A request refused before Apollo ran it (a bad token, the rate limit) is known by the name in its body.
    scope.operation ??= clientOperationName(operationNameOf(req.body))
    const operation = metrics.operationLabel(scope.operation)
    metrics.requests.inc({ operation, outcome: failed ? 'error' : 'ok' })
    metrics.requestDuration.observe({ operation }, seconds)
    if (scope.span)
      endSpan(scope.span, failed, { 'http.response.status_code': res.statusCode, 'graphql.operation.name': operation })
    // Never the variables, the query or a header: they carry children's data and tokens.
    logger.info(
      {
        requestId: scope.id,
        method: req.method,
        operation: scope.operation?.slice(0, 100) ?? null,
        status: res.statusCode,
        outcome: failed ? 'error' : 'ok',
        durationMs: Math.round(seconds * 10_000) / 10,
        subject: scope.subject ?? null,
      },
      'request',
    )
  }

  return {
    service,
    logger,
    metrics,
    tracing,
    observeRequests(req, res, next) {
      const incoming = req.headers[REQUEST_ID_HEADER]
      const id = typeof incoming === 'string' && WELL_FORMED_REQUEST_ID.test(incoming) ? incoming : randomUUID()
      // Apollo reads the headers from `req`: a refused id is replaced there too, so no plugin sees it.
      req.headers[REQUEST_ID_HEADER] = id
      res.setHeader(REQUEST_ID_HEADER, id)
      const scope: RequestScope = {
        id,
        startedAt: performance.now(),
        failed: false,
        // Named by the route, never the URL: a GET request's query string holds its variables.
        span: tracing?.startServerSpan(`${req.method} ${req.baseUrl}`, req.headers),
      }
      scopes.set(req, scope)
      res.once('finish', () => finished(req, res, scope))
      next()
    },
    bind(req, context) {
      ;(context as Scoped)[SCOPE] = scopes.get(req)
    },
    scopeOf: (context) => (context as Scoped)[SCOPE],
    callHeaders(req) {
      const scope = scopes.get(req)
      if (!scope) return {}
      return { [REQUEST_ID_HEADER]: scope.id, ...(scope.span ? traceHeaders(scope.span) : {}) }
    },
    plugin<C extends BaseContext>(subjectOf: (context: C) => string | undefined): ApolloServerPlugin<C> {
      return {
        // A request refused while its context was built (a bad token, the rate limit) never starts.
        async contextCreationDidFail({ error }) {
          countError((error as { extensions?: { code?: unknown } }).extensions?.code)
        },
        async requestDidStart({ contextValue, request }) {
          const scope = (contextValue as Scoped)[SCOPE]
          if (scope) {
            scope.subject = subjectOf(contextValue)
            scope.operation ??= clientOperationName(request.operationName)
          }
          return {
            // A document sent without an operation name still names its operation.
            async didResolveOperation({ operationName }) {
              if (scope && scope.operation === null) scope.operation = clientOperationName(operationName)
            },
            // Only requests received over HTTP: the gateway's warm-up plans operations it never sends (warm-up.ts).
            async didEncounterErrors({ errors }) {
              if (!scope) return
              scope.failed = true
              for (const error of errors) countError(error.extensions?.code)
            },
          }
        },
      }
    },
    mountMetrics(app) {
      // No personal data, but the request rates and error counts of every operation: for the hub's monitoring
      // network only (docs/operations.md, Observability), never to be routed to from outside; a token where the port is public.
      const expected = metricsToken && Buffer.from(`Bearer ${metricsToken}`)
      app.get('/metrics', async (req, res) => {
        const given = Buffer.from(req.headers.authorization ?? '')
        if (expected && (given.length !== expected.length || !timingSafeEqual(given, expected))) {
          res.status(401).set('www-authenticate', 'Bearer').end()
          return
        }
        res.type(metrics.registry.contentType).send(await metrics.registry.metrics())
      })
    },
    async stop() {
      await tracing?.stop()
      logger.flush()
    },
  }
}
