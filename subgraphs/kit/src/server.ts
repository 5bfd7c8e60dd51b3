import { createServer, type Server } from 'node:http'
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
import { DEFAULT_PURPOSE, PURPOSES, type PolicyTable, type Purpose } from './access/policy.js'
import { createRequestAccess, type AuditRow, type GrantSource, type RequestAccess } from './access/request.js'
import { openSigner, openVerifier } from './auth/config.js'
import {
  createServiceCredentials,
  GATEWAY_CALL_HEADER,
  type ServiceCredentials,
  type TokenVerifier,
} from './auth/tokens.js'
import type { SubgraphConfig, SubgraphName } from './config.js'
import { openDatabase, type Database, type DatabaseLocation } from './database.js'
import { badUserInput, databaseUnavailable, isDatabaseUnavailable, maskUnexpectedError } from './errors.js'
import { migrateToLatest } from './migrate.js'
import { purgeExpiredIdempotencyKeys } from './idempotency/idempotency.js'
import type { IdempotencyTables } from './idempotency/idempotent_request.queries.js'
import type { StaffingContext } from './staffing/resolvers.js'
import { createLogger, type Logger } from './telemetry/logger.js'
import { clientOperationName, createTelemetry, type Telemetry } from './telemetry/telemetry.js'

// Apollo reports usage to its cloud unless told not to; nothing may leave a closed network.
process.env.APOLLO_TELEMETRY_DISABLED = '1'

/** Everything that makes one subgraph, built by its `server.ts` from its dependencies. */
export interface SubgraphDefinition<C extends BaseContext> {
  name: SubgraphName
  typeDefs: DocumentNode
  /** The subgraph's resolver map, typed by its own codegen output. */
  resolvers: object
  /** Called once per request, with its caller's access: builds that request's loaders. */
  createContext: (access: RequestAccess) => C
  /** Who may read what (the subgraph's `policy.ts`), where the grants come from and where reads are audited. */
  access: {
    policy: PolicyTable
    gates: Gates
    grants: GrantSource
    audit: (rows: readonly AuditRow[]) => Promise<unknown>
  }
  /** Work the subgraph does besides answering requests, started once it listens and stopped before it. */
  background?: { start(logger: Logger): void; stop(): Promise<void> }
}

export interface RunningService {
  url: string
  httpServer: Server
  stop(): Promise<void>
}

const noGrants: GrantSource = async () => new Map()

/**
 * The most operations one batched HTTP request may carry. The gateway sends the fetches of one plan step to one
 * subgraph as a batch (gateway/src/subgraph-client.ts); a caller reaching a subgraph directly gets no more than this.
 */
export const MAX_SUBGRAPH_BATCH = 32

/** The header a caller states its purpose in; consents are given for a purpose, and the audit records it. */
export const PURPOSE_HEADER = 'x-access-purpose'

export function purposeOf(header: string | string[] | undefined): Purpose {
  if (header === undefined || header === '') return DEFAULT_PURPOSE
  if (typeof header === 'string' && header in PURPOSES) return header as Purpose
  throw badUserInput(PURPOSE_HEADER, `must be one of ${Object.keys(PURPOSES).join(', ')}`)
}

/** The schema a subgraph serves: its SDL and resolvers, every field behind its gate and every internal field guarded. */
export function buildGatedSchema(
  definition: Pick<SubgraphDefinition<BaseContext>, 'typeDefs' | 'resolvers' | 'access'>,
) {
  return applyGates(
    buildSubgraphSchema({
      typeDefs: definition.typeDefs,
      // Codegen's resolver types are stricter than Apollo's loose map; the shapes agree at run time.
      resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
    }),
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
  }: {
    host: string
    port: number
    verifier: TokenVerifier
    /** The subgraph's database, which `/readyz` asks for `select 1`. */
    database: QueryExecutorProvider
    telemetry?: Telemetry
  },
): Promise<RunningService> {
  const { logger } = telemetry
  const app = express()
  const httpServer = createServer(app)
  const apollo = new ApolloServer<C>({
    schema: buildGatedSchema(definition),
    plugins: [
      telemetry.plugin<C>((context) => context.access.viewer.subject),
      {
        // The audit row is written before the data leaves: a read that cannot be audited is not answered.
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, operationName, response }) {
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
    ],
    formatError: (formatted, error) =>
      isDatabaseUnavailable(unwrapResolverError(error))
        ? databaseUnavailable(definition.name, formatted)
        : maskUnexpectedError(formatted, (unexpected) => logger.error({ err: unexpected }, 'unexpected error')),
    includeStacktraceInErrorResponses: false,
    // The process's own signal handler stops the server and then its database, in that order.
    stopOnTerminationSignals: false,
    // The operations of a batch share one context: one token check, and their loaders' statements are shared.
    allowBatchedHttpRequests: true,
  })
  await apollo.start()

  let stopping = false
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', subgraph: definition.name })
  })
  // Ready while it can serve: not draining for a stop, and its database answers. A load balancer takes a replica out
  // on 503; the process stays alive (`/healthz`), so an orchestrator does not restart it for its database's outage.
  app.get('/readyz', async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'stopping', subgraph: definition.name, database: null })
      return
    }
    const started = performance.now()
    try {
      await Promise.race([
        sql`select 1`.execute(database),
        new Promise((_resolve, reject) =>
          setTimeout(() => reject(new Error(`no answer within ${READY_CHECK_MS} ms`)), READY_CHECK_MS).unref(),
        ),
      ])
      const latencyMs = Math.round(performance.now() - started)
      res.json({ status: 'ready', subgraph: definition.name, database: { reachable: true, latencyMs } })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      res.status(503).json({ status: 'unready', subgraph: definition.name, database: { reachable: false, reason } })
    }
  })
  telemetry.mountMetrics(app)
  app.use(
    '/graphql',
    telemetry.observeRequests,
    express.json({ limit: '20mb' }),
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (!Array.isArray(req.body) || req.body.length <= MAX_SUBGRAPH_BATCH) return next()
      res.status(400).json({
        errors: [
          {
            message: `batch: carries at most ${MAX_SUBGRAPH_BATCH} operations, got ${req.body.length}`,
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      })
    },
    // Every request, `_entities` included, proves its caller again here: the gateway's check protects nothing
    // from a caller who reaches the subgraph directly. Whether it comes from the gateway's plan is proved apart.
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const { authorization } = req.headers
        const viewer = await verifier.verify(authorization)
        const viaGateway = await verifier.verifyGatewayCall(req.headers[GATEWAY_CALL_HEADER], authorization!)
        const { policy, grants } = definition.access
        const purpose = purposeOf(req.headers[PURPOSE_HEADER])
        const callHeaders = telemetry.callHeaders(req)
        const context = definition.createContext(
          createRequestAccess({ viewer, owner: definition.name, policy, purpose, grants, callHeaders, viaGateway }),
        )
        telemetry.bind(req, context)
        return context
      },
    }),
  )

  await new Promise<void>((resolveListen) => httpServer.listen(port, host, resolveListen))
  const address = httpServer.address() as AddressInfo
  definition.background?.start(logger)
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}/graphql`,
    httpServer,
    async stop() {
      stopping = true
      await definition.background?.stop()
      await apollo.stop()
      await telemetry.stop()
    },
  }
}

/** Stops the given services once on SIGINT or SIGTERM, letting in-flight requests finish. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger) {
  let stopping = false
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.fatal({ err: error, signal }, 'failed to stop cleanly')
        logger.flush()
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
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
  }) => SubgraphDefinition<C> | Promise<SubgraphDefinition<C>>,
) {
  const verifier = await openVerifier(config.auth)
  const signer = await openSigner(config.serviceKey, config.auth)
  const logger = createLogger(config.name, config.telemetry.logLevel)
  const database = openDatabase<DB>(config.database, { poolSize: config.poolSize, logger })
  await migrateToLatest(database.db, migrations)
  await purgeExpiredIdempotencyKeys(database.db)
  const credentials = createServiceCredentials(signer, config.name)
  // Social answers from its own records; the other subgraphs ask social.
  const grants = config.social ? grantsFromSocial(config.social, credentials) : noGrants
  const definition = await define({ db: database.db, credentials, grants, watch: database.watch })
  const telemetry = createTelemetry({
    service: config.name,
    logger,
    logLevel: config.telemetry.logLevel,
    tracesUrl: config.telemetry.tracesUrl,
    poolStats: database.poolStats,
  })
  const service = await startSubgraphServer(definition, { ...config, verifier, database: database.db, telemetry })
  stopOnSignals(async () => {
    await service.stop()
    await database.close()
  }, telemetry.logger)
  telemetry.logger.info(
    { database: describeDatabase(config.database), tracing: config.telemetry.tracesUrl ?? 'off' },
    `${config.name} subgraph ready at ${service.url}`,
  )
}

/** What every subgraph's resolvers receive: its database, this request's loaders, and the kit's staffing part. */
export interface SubgraphContext<DB, Loaders> {
  /** The caller, its class under the subgraph's policy, and its reads to audit. */
  access: RequestAccess
  db: Kysely<DB>
  loaders: Loaders
  staffing: StaffingContext
}
