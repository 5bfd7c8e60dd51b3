import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { ApolloGateway } from '@apollo/gateway'
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server'
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled'
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer'
import { expressMiddleware } from '@as-integrations/express5'
import compression from 'compression'
import express from 'express'
import { createGatewayAssertions, type TokenSigner, type TokenVerifier } from '@hub/platform/auth/tokens'
import { callerKey } from '@hub/platform/auth/viewer'
import type { SubgraphName } from '@hub/platform/sides'
import { codeInputErrors, hubError, maskUnexpectedError } from '@hub/platform/errors'
import { dateLiteralRule, withScalarRules } from '@hub/platform/scalars'
import { type RunningService } from '@hub/platform/service'
import { PURPOSE_HEADER, purposeOf } from '@hub/platform/purpose'
import { createTelemetry, REQUEST_ID_HEADER, type Telemetry } from '@hub/platform/telemetry/telemetry'
import type { SubgraphEndpoint } from './config.js'
import { withoutInternals } from './errors.js'
import { mountFrontends } from './explorer/frontends.js'
import { mountSignInConfig, type ScreenSignIn } from './sign-in.js'
import { mountSchemaRoute } from './explorer/schema.js'
import { mountHealthRoutes, type GatewayPhase, type SubgraphProbe } from './health.js'
import { tokenBeforeBody } from '@hub/platform/doors'
import { codeLimitErrors, costLimit, queryLimitRules, requestBodyLimits } from '@hub/platform/limits'
import { addressRateLimit, createRateLimiter } from '@hub/platform/rate-limit'
import { createHttpServer, DEFAULT_TRANSPORT, type TransportLimits } from '@hub/platform/transport'
import { DEFAULT_LIMITS, type GatewayLimits } from './limits.js'
import { rateLimited } from './rate-limit.js'
import { mountReportExports } from './reports.js'
import { mountCatalogueExports } from './catalogue.js'
import { mountDocuments } from './documents/index.js'
import type { Operator } from './documents/consent.js'
import { DEMO_OPERATOR } from './config.js'
import { mountFileDownloads, onlyUploads } from './files.js'
import { attachmentBodyBytes, DEFAULT_MAX_ATTACHMENT_BYTES } from '@hub/platform/attachment-content'
import {
  CircuitBreaker,
  DEFAULT_RESILIENCE,
  LIVENESS_TIMEOUT_MS,
  livenessCheck,
  type ResiliencePolicy,
} from './resilience.js'
import type { GatewayContext } from './subgraph-client.js'
import { createFetchMetrics, ObservedSubgraphDataSource } from './fetch-telemetry.js'
import { committedOperations, warmUp } from './warm-up.js'

// Apollo reports usage to its cloud unless told not to; nothing may leave a closed network.
process.env.APOLLO_TELEMETRY_DISABLED = '1'

/** The smallest answer the gateway compresses for a client that accepts it. */
export const COMPRESS_FROM_BYTES = 8 * 1024

export interface GatewayDependencies {
  supergraphSdl: string
  subgraphs: Partial<Record<SubgraphName, SubgraphEndpoint>>
  defaultTimeoutMs?: number
  /** Retries and circuit breakers for the subgraph calls; each setting left out keeps its default. */
  resilience?: Partial<ResiliencePolicy>
  verifier: TokenVerifier
  /** The gateway's own key: it signs the assertion that each call of a query plan carries to the subgraphs. */
  callSigner: TokenSigner
}

export interface GatewayOptions {
  host: string
  port: number
  /** `NODE_ENV=production`: errors carry no field suggestions and nothing a subgraph's HTTP response held. */
  production?: boolean
  /** Unset: on in development, off in production. */
  introspection?: boolean
  /** Each limit left out keeps its default. */
  limits?: Partial<GatewayLimits>
  /** Timeouts, connection cap and per-address rate of the HTTP server; each left out keeps its default. */
  transport?: Partial<TransportLimits>
  /** The Vite build of the dashboard and the explorer; unset: `dashboard/dist` of this checkout. */
  frontendDir?: string
  /** Logs, metrics and traces; unset (a test): warnings and errors logged, no traces. */
  telemetry?: Telemetry
  /** The identity provider the dashboard and the explorer sign in with; unset: the screens say sign-in is not set up. */
  signIn?: ScreenSignIn
  /** The personal-data operator printed documents name; unset: the demonstration operator. */
  operator?: Operator
  /** The largest signed scan `POST /files` takes (the sides check their own limits too); unset: 10 MB. */
  maxAttachmentBytes?: number
}

/**
 * A request refused as a whole for its input (a variable that does not fit its type, checked by the gateway before
 * planning) answers 400, as Apollo answers a query that fails validation: nothing was executed.
 */
const refusedInputStatus: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return
        const { data, errors } = response.body.singleResult
        if (data === undefined && errors?.length && errors.every((e) => e.extensions?.code === 'BAD_USER_INPUT')) {
          response.http.status = 400
        }
      },
    }
  },
}

export async function startGateway(
  { supergraphSdl, subgraphs, defaultTimeoutMs = 3_000, resilience, verifier, callSigner }: GatewayDependencies,
  {
    host,
    port,
    production = false,
    introspection = !production,
    limits: overrides,
    transport: transportOverrides,
    frontendDir = fileURLToPath(new URL('../../dashboard/dist', import.meta.url)),
    telemetry = createTelemetry({ service: 'gateway', logLevel: 'warn' }),
    signIn,
    operator = DEMO_OPERATOR,
    maxAttachmentBytes = DEFAULT_MAX_ATTACHMENT_BYTES,
  }: GatewayOptions,
): Promise<RunningService & { warmedUp: Awaited<ReturnType<typeof warmUp>> }> {
  const limits: GatewayLimits = { ...DEFAULT_LIMITS, ...overrides }
  const assertions = createGatewayAssertions(callSigner)
  const rateLimiter = createRateLimiter(limits.rateLimit)
  const transport: TransportLimits = { ...DEFAULT_TRANSPORT.gateway, ...transportOverrides }
  const policy: ResiliencePolicy = { ...DEFAULT_RESILIENCE, ...resilience }
  const probes: SubgraphProbe[] = []
  const fetchMetrics = createFetchMetrics(telemetry.metrics.registry, probes)
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const endpoint = subgraphs[name as SubgraphName]
      const subgraphUrl = endpoint?.url ?? url ?? ''
      const timeoutMs = endpoint?.timeoutMs ?? defaultTimeoutMs
      const resolved = {
        name,
        url: subgraphUrl,
        timeoutMs,
        breaker: new CircuitBreaker(name, policy),
        policy,
        alive: livenessCheck(subgraphUrl, Math.min(LIVENESS_TIMEOUT_MS, timeoutMs)),
      }
      probes.push(resolved)
      return new ObservedSubgraphDataSource(resolved, telemetry, fetchMetrics)
    },
  })

  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => withScalarRules(apiSchema))

  const app = express()
  // Nothing in an answer names the software behind it.
  app.disable('x-powered-by')
  // Answers of more than 8 KB are compressed for a client that accepts it (a browser always does): a RegistryPage of
  // 1,000 children shrinks about twelvefold for 1–3 ms of CPU, which pays on any network slower than a loopback.
  // Subgraph answers are not: they travel inside the hub's own network, where it would cost both sides CPU.
  app.use(compression({ threshold: COMPRESS_FROM_BYTES }))
  // Counted before any token is read, on every route: a flood of made-up tokens costs a lookup each.
  app.use(addressRateLimit(transport.addressRateLimit))
  const httpServer = createHttpServer(app, transport)
  let phase: GatewayPhase = 'starting'
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [
      telemetry.plugin<GatewayContext>((context) => ('viewer' in context ? context.viewer.subject : undefined)),
      refusedInputStatus,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP cache may keep the hub's answers (they are personal data), so no cache hints are computed.
      ApolloServerPluginCacheControlDisabled(),
      costLimit(limits.maxCost),
    ],
    formatError: (formatted, error) => {
      const masked = maskUnexpectedError(codeInputErrors(codeLimitErrors(formatted), error), (unexpected) =>
        telemetry.logger.error({ err: unexpected }, 'unexpected error'),
      )
      return production ? withoutInternals(masked) : masked
    },
    includeStacktraceInErrorResponses: false,
    introspection,
    validationRules: [...queryLimitRules(limits), dateLiteralRule],
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: limits.maxBatchOperations > 1,
    // On by default in Apollo Server 5; stated because a browser must not be able to send a query with a user's
    // cookies from another site: a GET or a "simple" POST needs the apollo-require-preflight header.
    csrfPrevention: true,
    // The process's own signal handler stops the server and then its database, in that order.
    stopOnTerminationSignals: false,
  })
  await apollo.start()
  const warmedUp = await warmUp(apollo, gateway, committedOperations())
  phase = 'ready'

  mountHealthRoutes(app, { phase: () => phase, subgraphs: probes, verifier })
  telemetry.mountMetrics(app)
  let url = ''
  mountReportExports(app, () => url, supergraphSdl, verifier)
  mountCatalogueExports(app, () => url, supergraphSdl, verifier)
  mountDocuments(app, () => url, { supergraphSdl, verifier, operator })
  mountFrontends(app, frontendDir, signIn)
  if (signIn) mountSignInConfig(app, signIn)
  mountSchemaRoute(app, { supergraphSdl, verifier })
  const tokenFirst = tokenBeforeBody(verifier, (error) =>
    telemetry.metrics.graphqlErrors.inc({ code: String(error.extensions.code) }),
  )
  // A request without a valid token is refused here, before any plan reaches a subgraph; the subgraphs
  // verify the forwarded token again and decide themselves what it may read.
  const graphql = expressMiddleware(apollo, {
    context: async ({ req }) => {
      const authorization = req.headers.authorization
      const viewer = await verifier.verify(authorization)
      // The gateway serves people; a service calls the subgraph it needs itself, and its token opens service-only
      // fields there that no client may reach through the gateway's signature.
      if (viewer.role === 'service') {
        throw hubError(
          'UNAUTHENTICATED',
          'TOKEN_INVALID',
          'authorization: a service token is not accepted at the gateway',
          {
            http: { status: 401 },
          },
        )
      }
      const operations = Array.isArray(req.body) ? req.body.length : 1
      const retryAfter = rateLimiter.take(callerKey(viewer), operations)
      if (retryAfter > 0) throw rateLimited(limits.rateLimit, retryAfter)
      const purpose = req.headers[PURPOSE_HEADER]
      // Checked here too, so that a bad purpose is refused before any subgraph is called.
      purposeOf(purpose)
      const context: GatewayContext = {
        viewer,
        authorization: authorization!,
        gatewayAssertion: await assertions.for(authorization!),
        purpose: typeof purpose === 'string' ? purpose : undefined,
        // Set for every request by `observeRequests`: the client's own id when well formed, else a new UUID.
        requestId: req.headers[REQUEST_ID_HEADER] as string,
      }
      telemetry.bind(req, context)
      return context
    },
  })
  app.use('/graphql', telemetry.observeRequests, tokenFirst, ...requestBodyLimits(limits, 'gateway'), graphql)
  // Signed scans travel as base64 in the committed attach mutations: only they, and only here, get a body limit that
  // fits the largest file; every other request keeps the one above.
  app.post(
    '/files',
    telemetry.observeRequests,
    tokenFirst,
    ...requestBodyLimits({ ...limits, maxBodyBytes: attachmentBodyBytes(maxAttachmentBytes) }, 'gateway'),
    onlyUploads,
    graphql,
  )
  mountFileDownloads(app, () => url)

  await new Promise<void>((resolveListen) => httpServer.listen(port, host, resolveListen))
  const address = httpServer.address() as AddressInfo
  url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}/graphql`
  return {
    url,
    httpServer,
    warmedUp,
    stop: async () => {
      phase = 'stopping'
      await apollo.stop()
      await telemetry.stop()
    },
  }
}
