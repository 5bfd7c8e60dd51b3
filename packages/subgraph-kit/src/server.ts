import type { AddressInfo } from 'node:net'
import { ApolloServer, type BaseContext } from '@apollo/server'
import { unwrapResolverError } from '@apollo/server/errors'
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer'
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled'
import { expressMiddleware } from '@as-integrations/express5'
import { buildSubgraphSchema } from '@apollo/subgraph'
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js'
import express from 'express'
import type { DocumentNode } from 'graphql'
import { sql, type Kysely, type Migration, type QueryExecutorProvider } from 'kysely'
import { applyGates, type Gates } from './access/gates.js'
import { grantsFromSocial } from './access/grants-client.js'
import type { PolicyTable } from './access/policy.js'
import { createRequestAccess, type AuditRow, type GrantSource, type RequestAccess } from './access/request.js'
import { openSigner, openVerifier } from '@hub/platform/auth/config'
import {
  createServiceCredentials,
  GATEWAY_CALL_HEADER,
  type ServiceCredentials,
  type TokenVerifier,
} from '@hub/platform/auth/tokens'
import type { SubgraphConfig } from './config.js'
import type { SubgraphName } from '@hub/platform/sides'
import { openDatabase, type Database, type DatabaseLocation, type RequestStatements } from './database.js'
import {
  codeInputErrors,
  databaseUnavailable,
  isDatabaseUnavailable,
  isStatementCancelled,
  maskUnexpectedError,
  statementStopped,
} from '@hub/platform/errors'
import { findPendingMigrations, migrateDatabase, migrateToLatest } from './migrate.js'
import { fromOperator, tokenBeforeBody } from '@hub/platform/doors'
import {
  codeLimitErrors,
  costLimit,
  DEFAULT_SUBGRAPH_LIMITS,
  queryLimitRules,
  requestBodyLimits,
  withoutSuggestions,
  type QueryLimits,
} from '@hub/platform/limits'
import { addressRateLimit } from '@hub/platform/rate-limit'
import { applyInputRules, type InputRules } from './inputs.js'
import { dateLiteralRule } from '@hub/platform/scalars'
import { purgeExpiredIdempotencyKeys } from './idempotency/idempotency.js'
import type { IdempotencyTables } from './idempotency/idempotent_request.queries.js'
import type { EventDelivery, WebhookOptions } from './events/delivery.js'
import type { EventsContext } from './events/resolvers.js'
import { createLogger, type Logger } from '@hub/platform/telemetry/logger'
import {
  applyWorkBudget,
  createWorkBudget,
  DEFAULT_WORK_BUDGET,
  type ExpensiveFields,
  type WorkBudgetLimits,
} from './work-budget.js'
import { clientOperationName, createTelemetry, type Telemetry } from '@hub/platform/telemetry/telemetry'
import { createHttpServer, DEFAULT_TRANSPORT, type TransportLimits } from '@hub/platform/transport'
import { PURPOSE_HEADER, purposeOf } from '@hub/platform/purpose'
import { stopOnSignals, type RunningService } from '@hub/platform/service'
import { setRegionTimeZone } from '@hub/platform/region-time'

// Apollo reports usage to its cloud unless told not to; nothing may leave a closed network.
process.env.APOLLO_TELEMETRY_DISABLED = '1'

/** Everything that makes one subgraph, built by its `server.ts` from its dependencies. */
export interface SubgraphDefinition<C extends BaseContext> {
  name: SubgraphName
  typeDefs: DocumentNode
  /** The subgraph's resolver map, typed by its own codegen output. */
  resolvers: object
  /**
   * Called once per request, with its caller's access and `scoped`, which makes the request's own handle of the
   * subgraph's database (its statements are cancelled if its caller leaves): builds that request's loaders.
   */
  createContext: (access: RequestAccess, scoped: <T>(db: Kysely<T>) => Kysely<T>) => C
  /** Who may read what (the subgraph's `policy.ts`), where the grants come from and where reads are audited. */
  access: {
    policy: PolicyTable
    gates: Gates
    grants: GrantSource
    audit: (rows: readonly AuditRow[]) => Promise<unknown>
  }
  /** The fields whose work each caller gets a budget of (`work-budget.ts`). */
  expensive?: ExpensiveFields
  /** How its inputs are checked before any resolver runs: list caps, date ranges, multi-line texts (`inputs.ts`). */
  inputs: InputRules
  /**
   * The largest request body its own mutations need (a file sent as base64): the body limit is raised to it when it
   * is larger, and only then.
   */
  bodyBytes?: number
  /**
   * Work the subgraph does besides answering requests, started once it listens and stopped before it; an outbox's
   * delivery also has `wakeIfWritten`, called after every mutation so that what the mutation wrote is sent without
   * waiting.
   */
  background?: { start(logger: Logger): void; stop(): Promise<void>; wakeIfWritten?(): void }
  /** The delivery of its domain events to webhooks: started and stopped like `background`, woken after every mutation. */
  events?: EventDelivery
}

const noGrants: GrantSource = async () => new Map()

/** The database handle as it is, where a request's statements are not tracked (PGlite, a test without tracking). */
const unscoped = <T>(db: Kysely<T>) => db

/**
 * The schema a subgraph serves: its SDL and resolvers, every field behind its gate and every internal field guarded.
 * Gates wrap the input checks, and those the budget: a caller who may not use a field learns nothing about its inputs'
 * rules, and a request refused for its input takes no slot of its caller's budget.
 */
export function buildGatedSchema(
  definition: Pick<SubgraphDefinition<BaseContext>, 'typeDefs' | 'resolvers' | 'access' | 'inputs' | 'expensive'>,
  budget = createWorkBudget(DEFAULT_WORK_BUDGET),
) {
  return applyGates(
    applyInputRules(
      applyWorkBudget(
        buildSubgraphSchema({
          typeDefs: definition.typeDefs,
          // Codegen's resolver types are stricter than Apollo's loose map; the shapes agree at run time.
          resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
        }),
        definition.expensive ?? {},
        budget,
      ),
      definition.inputs,
    ),
    definition.access.gates,
  )
}

/** How long `/readyz` waits for the database to answer. */
const READY_CHECK_MS = 1_000

export async function startSubgraphServer<C extends BaseContext & { access: RequestAccess }>(
  definition: SubgraphDefinition<C>,
  {
    host,
    port,
    verifier,
    database,
    // A subgraph started without its config (a test) logs warnings and errors only.
    telemetry = createTelemetry({ service: definition.name, logLevel: 'warn' }),
    workBudget = DEFAULT_WORK_BUDGET,
    trackRequest,
    production = false,
    introspection = !production,
    limits: limitOverrides,
    transport: transportOverrides,
  }: {
    host: string
    port: number
    verifier: TokenVerifier
    /** The subgraph's database, which `/readyz` asks for `select 1`. */
    database: QueryExecutorProvider
    telemetry?: Telemetry
    /** How much of the expensive fields' work one caller may have; unset: `DEFAULT_WORK_BUDGET`. */
    workBudget?: WorkBudgetLimits
    /** The database's tracking of a request's statements (PostgreSQL), so that a request its caller left is stopped. */
    trackRequest?: () => RequestStatements
    /** `NODE_ENV=production`: errors carry no field suggestions. */
    production?: boolean
    /** Unset: on in development, off in production. */
    introspection?: boolean
    /** The gateway's kinds of limit, sized so that its plans pass (`DEFAULT_SUBGRAPH_LIMITS`); each left out keeps its default. */
    limits?: Partial<QueryLimits>
    /** Timeouts, connection cap and per-address rate of the HTTP server; each left out keeps its default. */
    transport?: Partial<TransportLimits>
  },
): Promise<RunningService> {
  const { logger } = telemetry
  const configured: QueryLimits = { ...DEFAULT_SUBGRAPH_LIMITS, ...limitOverrides }
  const limits: QueryLimits = {
    ...configured,
    maxBodyBytes: Math.max(configured.maxBodyBytes, definition.bodyBytes ?? 0),
  }
  const transport: TransportLimits = { ...DEFAULT_TRANSPORT.subgraph, ...transportOverrides }
  const budget = createWorkBudget(workBudget)
  const app = express()
  // Nothing in an answer names the software behind it.
  app.disable('x-powered-by')
  // Counted before any token is read, on every route: a flood of made-up tokens costs a lookup each.
  app.use(addressRateLimit(transport.addressRateLimit))
  const httpServer = createHttpServer(app, transport)
  const apollo = new ApolloServer<C>({
    schema: buildGatedSchema(definition, budget),
    plugins: [
      telemetry.plugin<C>((context) => context.access.viewer.subject),
      {
        // The audit row is written before the data leaves: a read that cannot be audited is not answered.
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, operation, operationName, response }) {
              budget.release(contextValue)
              // A mutation's transaction has committed by now: what it wrote to an outbox is sent without waiting.
              if (operation?.operation === 'mutation') {
                definition.events?.wakeIfWritten()
                definition.background?.wakeIfWritten?.()
              }
              const rows = contextValue.access.takeAuditRows(clientOperationName(operationName))
              if (rows.length === 0) return
              try {
                await definition.access.audit(rows)
              } catch (error) {
                if (!isDatabaseUnavailable(error)) throw error
                // The database went away between the read and its audit: the answer is replaced, not sent unaudited.
                response.http.status = 503
                response.body = {
                  kind: 'single',
                  singleResult: { errors: [databaseUnavailable(definition.name)] },
                }
              }
            },
          }
        },
      },
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Traces would go only to Apollo's cloud; building them costs every request.
      ApolloServerPluginInlineTraceDisabled(),
      // No HTTP cache may keep the hub's answers (they are personal data); the cache hints' wrapper around every resolver
      // cost each request without use.
      ApolloServerPluginCacheControlDisabled(),
      costLimit<C>(limits.maxCost),
    ],
    formatError: (formatted, error) => {
      const cause = unwrapResolverError(error)
      if (isDatabaseUnavailable(cause)) return databaseUnavailable(definition.name, formatted)
      if (isStatementCancelled(cause)) return statementStopped(cause, formatted)
      const answered = maskUnexpectedError(codeInputErrors(codeLimitErrors(formatted), error), (unexpected) =>
        logger.error({ err: unexpected }, 'unexpected error'),
      )
      return production ? withoutSuggestions(answered) : answered
    },
    includeStacktraceInErrorResponses: false,
    introspection,
    // The same limits as the gateway's (`limits.ts`), for a caller who reaches the subgraph directly.
    validationRules: [...queryLimitRules(limits), dateLiteralRule],
    parseOptions: { maxTokens: limits.maxTokens },
    // The process's own signal handler stops the server and then its database, in that order.
    stopOnTerminationSignals: false,
    // The operations of a batch share one context: one token check, and their loaders' statements are shared.
    allowBatchedHttpRequests: limits.maxBatchOperations > 1,
  })
  await apollo.start()

  let stopping = false
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', subgraph: definition.name })
  })
  // Ready while it can serve: not draining for a stop, and its database answers. A load balancer takes a replica out
  // on 503; the process stays alive (`/healthz`), so an orchestrator does not restart it for its database's outage.
  // The database's latency or failure is an operator's to read (`doors.ts`); anyone else learns the status only.
  app.get('/readyz', async (req, res) => {
    const answer = async (status: number, body: { status: string; database: unknown }) => {
      const detailed = await fromOperator(req, verifier)
      res.status(status).json(detailed ? { ...body, subgraph: definition.name } : { status: body.status })
    }
    if (stopping) return answer(503, { status: 'stopping', database: null })
    const started = performance.now()
    try {
      await Promise.race([
        sql`select 1`.execute(database),
        new Promise((_resolve, reject) =>
          setTimeout(() => reject(new Error(`no answer within ${READY_CHECK_MS} ms`)), READY_CHECK_MS).unref(),
        ),
      ])
      const latencyMs = Math.round(performance.now() - started)
      await answer(200, { status: 'ready', database: { reachable: true, latencyMs } })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      await answer(503, { status: 'unready', database: { reachable: false, reason } })
    }
  })
  telemetry.mountMetrics(app)
  app.use(
    '/graphql',
    telemetry.observeRequests,
    tokenBeforeBody(verifier, (error) => telemetry.metrics.graphqlErrors.inc({ code: String(error.extensions.code) })),
    ...requestBodyLimits(limits, `${definition.name} subgraph`),
    // Every request, `_entities` included, proves its caller again here: the gateway's check protects nothing
    // from a caller who reaches the subgraph directly. Whether it comes from the gateway's plan is proved apart.
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const { authorization } = req.headers
        const viewer = await verifier.verify(authorization)
        const viaGateway = await verifier.verifyGatewayCall(req.headers[GATEWAY_CALL_HEADER], authorization!)
        const statements = trackRequest?.()
        // Closed before its answer was sent: the gateway gave up on the call, or the client went away. Its statements
        // are cancelled rather than left to hold a connection for nobody.
        if (statements) {
          res.once('close', () => {
            if (!res.writableFinished) void statements.abandon()
          })
        }
        const { policy, grants } = definition.access
        const purpose = purposeOf(req.headers[PURPOSE_HEADER])
        const callHeaders = telemetry.callHeaders(req)
        const context = definition.createContext(
          createRequestAccess({ viewer, owner: definition.name, policy, purpose, grants, callHeaders, viaGateway }),
          statements ? statements.scoped : unscoped,
        )
        telemetry.bind(req, context)
        return context
      },
    }),
  )

  await new Promise<void>((resolveListen) => httpServer.listen(port, host, resolveListen))
  const address = httpServer.address() as AddressInfo
  definition.background?.start(logger)
  definition.events?.start(logger)
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}/graphql`,
    httpServer,
    async stop() {
      stopping = true
      await definition.background?.stop()
      await definition.events?.stop()
      await apollo.stop()
      await telemetry.stop()
    },
  }
}

/**
 * Brings the database to this code's migrations where the subgraph migrates at start: on its own connection where one
 * role does both, otherwise as the owner. Where it does not (a deployment's migration job does), it refuses to serve a
 * database that is behind.
 */
async function prepareDatabase<DB>(config: SubgraphConfig, db: Kysely<DB>, migrations: Record<string, Migration>) {
  if (config.migration?.runtimeRole === null) await migrateToLatest(db, migrations)
  else if (config.migration) await migrateDatabase(config.migration, migrations)
  else {
    const pending = await findPendingMigrations(db, migrations)
    if (pending.length > 0) {
      throw new Error(
        `${config.name}: the database lacks the migrations ${pending.join(', ')}; run \`npm run migrate -- ${config.name}\` as its owner (or set ${config.name.toUpperCase()}_MIGRATE_AT_START=true)`,
      )
    }
  }
}

function describeDatabase(location: DatabaseLocation) {
  return 'url' in location ? `PostgreSQL ${new URL(location.url).host}` : `PGlite ${location.dataDir}`
}

/** The whole life of a subgraph process: open and migrate its database, serve, stop on a signal. */
export async function runSubgraph<DB extends IdempotencyTables, C extends BaseContext & { access: RequestAccess }>(
  config: SubgraphConfig,
  migrations: Record<string, Migration>,
  define: (dependencies: {
    db: Kysely<DB>
    credentials: ServiceCredentials
    grants: GrantSource
    watch: Database<DB>['watch']
    webhooks: WebhookOptions
  }) => SubgraphDefinition<C> | Promise<SubgraphDefinition<C>>,
) {
  const verifier = await openVerifier(config.auth)
  const signer = await openSigner(config.serviceKey, config.auth)
  const logger = createLogger(config.name, config.telemetry.logLevel)
  setRegionTimeZone(config.timeZone)
  const database = openDatabase<DB>(config.database, {
    poolSize: config.poolSize,
    logger,
    statementTimeoutMs: config.statementTimeoutMs,
  })
  await prepareDatabase(config, database.db, migrations)
  await purgeExpiredIdempotencyKeys(database.db)
  const credentials = createServiceCredentials(signer, config.name)
  // Social answers from its own records; the other subgraphs ask social.
  const grants = config.registry ? grantsFromSocial(config.registry, credentials) : noGrants
  const definition = await define({
    db: database.db,
    credentials,
    grants,
    watch: database.watch,
    webhooks: config.webhooks,
  })
  const telemetry = createTelemetry({
    service: config.name,
    logger,
    logLevel: config.telemetry.logLevel,
    tracesUrl: config.telemetry.tracesUrl,
    poolStats: database.poolStats,
  })
  const service = await startSubgraphServer(definition, {
    ...config,
    verifier,
    database: database.db,
    telemetry,
    trackRequest: database.trackRequest,
  })
  stopOnSignals(async () => {
    await service.stop()
    await database.close()
  }, telemetry.logger)
  telemetry.logger.info(
    { database: describeDatabase(config.database), tracing: config.telemetry.tracesUrl ?? 'off' },
    `${config.name} subgraph ready at ${service.url}`,
  )
}

/** What every subgraph's resolvers receive: its database, this request's loaders, and its events. */
export interface SubgraphContext<DB, Loaders> {
  /** The caller, its class under the subgraph's policy, and its reads to audit. */
  access: RequestAccess
  db: Kysely<DB>
  loaders: Loaders
  /** The side's feed of domain events and its webhook subscriptions. */
  events: EventsContext
}
