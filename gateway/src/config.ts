import { resolve } from 'node:path'
import {
  authVariables,
  loadAuthConfig,
  loadServiceKeyConfig,
  type AuthConfig,
  type ServiceKeyConfig,
} from '@hub/platform/auth/config'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import {
  ConfigError,
  parseBoolean,
  parsePort,
  parsePositiveInt,
  parseUrl,
  parseWholeNumber,
  readVariables,
  type VariableSpec,
} from '@hub/platform/variables'
import { loadTimeZone, timeZoneVariable } from '@hub/platform/region-time-config'
import { loadTelemetryConfig, telemetryVariables, type TelemetryConfig } from '@hub/platform/telemetry/config'
import {
  loadQueryLimits,
  loadTransportLimits,
  queryLimitVariables,
  transportVariables,
} from '@hub/platform/limits-config'
import { DEFAULT_TRANSPORT, type TransportLimits } from '@hub/platform/transport'
import { DEV_IDP_URL, DEV_SCREENS_CLIENT_ID, DEV_SCREENS_SCOPE } from '@hub/platform/auth/keys'
import { DEFAULT_LIMITS, type GatewayLimits } from './limits.js'
import type { Operator } from './documents/consent.js'
import type { ScreenSignIn } from './sign-in.js'
import { DEFAULT_RESILIENCE, type ResiliencePolicy } from './resilience.js'
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '@hub/platform/attachment-content'

/** The limits every request meets (`packages/platform/src/limits.ts`), one variable each, and the per-caller rate. */
const limitVariables: VariableSpec[] = [
  ...queryLimitVariables('GATEWAY', DEFAULT_LIMITS),
  {
    name: 'GATEWAY_RATE_LIMIT_REQUESTS',
    description: 'Operations one caller (token subject) may send per GATEWAY_RATE_LIMIT_WINDOW_MS',
    default: String(DEFAULT_LIMITS.rateLimit.requests),
    requiredInDeployment: false,
  },
  {
    name: 'GATEWAY_MAX_ATTACHMENT_BYTES',
    description: 'Largest signed scan POST /files takes; its body limit fits the file as base64',
    default: String(DEFAULT_MAX_ATTACHMENT_BYTES),
    requiredInDeployment: false,
  },
  {
    name: 'GATEWAY_RATE_LIMIT_WINDOW_MS',
    description: "Window in which a caller's GATEWAY_RATE_LIMIT_REQUESTS come back",
    default: String(DEFAULT_LIMITS.rateLimit.windowMs),
    requiredInDeployment: false,
  },
]

/** Retries of reads and the circuit breaker per subgraph (`gateway/src/resilience.ts`). */
const resilienceVariables: VariableSpec[] = [
  {
    name: 'GATEWAY_SUBGRAPH_RETRIES',
    description: 'Further attempts of a read whose connection to a subgraph failed (0: none); writes are never retried',
    default: DEFAULT_RESILIENCE.retries,
  },
  {
    name: 'GATEWAY_SUBGRAPH_RETRY_BASE_MS',
    description: 'Longest wait before the first retry; each further retry may wait twice as long',
    default: DEFAULT_RESILIENCE.retryBaseMs,
  },
  {
    name: 'GATEWAY_CIRCUIT_FAILURES',
    description: "Consecutive failed calls that open a subgraph's circuit (its calls then fail at once)",
    default: DEFAULT_RESILIENCE.failuresToOpen,
  },
  {
    name: 'GATEWAY_CIRCUIT_OPEN_MS',
    description: 'How long an open circuit fails calls at once before one call tries the subgraph again',
    default: DEFAULT_RESILIENCE.openMs,
  },
].map((spec) => ({ ...spec, default: String(spec.default), requiredInDeployment: false }))

/** The operator `npm start` prints: plainly a demonstration, so no paper printed from it passes for a real consent. */
export const DEMO_OPERATOR: Operator = {
  name: 'Демонстрационный оператор персональных данных (не для подписания)',
  address: 'демонстрационный адрес: 000000, г. Образец, ул. Примерная, д. 1',
}

export const variables: VariableSpec[] = [
  { name: 'GATEWAY_HOST', description: 'Interface to listen on', default: '127.0.0.1', requiredInDeployment: true },
  { name: 'GATEWAY_PORT', description: 'HTTP port', default: '4000', requiredInDeployment: true },
  {
    name: 'GATEWAY_WORKERS',
    description: 'Gateway processes sharing the port (node:cluster), one per core the gateway may use',
    default: '1',
    requiredInDeployment: false,
  },
  {
    name: 'GATEWAY_SUPERGRAPH_PATH',
    description: 'The composed supergraph the gateway serves',
    default: 'schema/supergraph.graphql',
    requiredInDeployment: false,
  },
  {
    name: 'GATEWAY_SUBGRAPH_TIMEOUT_MS',
    description: 'How long one call to a subgraph may take before it counts as unavailable',
    default: '3000',
    requiredInDeployment: false,
  },
  ...SUBGRAPH_NAMES.flatMap((name): VariableSpec[] => [
    {
      name: `GATEWAY_${name.toUpperCase()}_URL`,
      description: `GraphQL URL of the ${name} subgraph; unset means the routing URL in the supergraph`,
      requiredInDeployment: true,
    },
    {
      name: `GATEWAY_${name.toUpperCase()}_TIMEOUT_MS`,
      description: `Timeout for the ${name} subgraph; unset means GATEWAY_SUBGRAPH_TIMEOUT_MS`,
      requiredInDeployment: false,
    },
  ]),
  ...resilienceVariables,
  ...authVariables('GATEWAY', { trustsServices: false }),
  ...telemetryVariables('GATEWAY'),
  ...limitVariables,
  ...transportVariables('GATEWAY', DEFAULT_TRANSPORT.gateway),
  {
    name: 'GATEWAY_DASHBOARD_DIR',
    description: 'The Vite build of the dashboard (/dashboard) and the explorer (/explorer) the gateway serves',
    default: 'dashboard/dist',
    requiredInDeployment: false,
  },
  {
    name: 'GATEWAY_OIDC_ISSUER',
    description:
      "The region's OpenID Connect provider the dashboard and the explorer sign in with (its issuer URL, e.g. a Keycloak realm); unset means the development identity provider of npm start",
    default: DEV_IDP_URL,
    requiredInDeployment: true,
  },
  {
    name: 'GATEWAY_OIDC_CLIENT_ID',
    description:
      "The screens' public client at that provider (authorization code with PKCE, redirect URIs <gateway>/dashboard and <gateway>/explorer)",
    default: DEV_SCREENS_CLIENT_ID,
    requiredInDeployment: true,
  },
  {
    name: 'GATEWAY_OIDC_SCOPE',
    description:
      'The scopes the screens ask for; the access token must carry the hub audience and the side, role, org and name claims',
    default: DEV_SCREENS_SCOPE,
    requiredInDeployment: false,
  },
  {
    name: 'GATEWAY_OPERATOR_NAME',
    description:
      "The personal-data operator's full name as printed documents give it (the consent to processing, 152-ФЗ ст. 9 ч. 4); unset means a demonstration name",
    default: DEMO_OPERATOR.name,
    requiredInDeployment: true,
  },
  {
    name: 'GATEWAY_OPERATOR_ADDRESS',
    description:
      "The operator's address printed in the consent, where a family sends its written revocation; unset means a demonstration address",
    default: DEMO_OPERATOR.address,
    requiredInDeployment: true,
  },
  {
    name: 'GATEWAY_INTROSPECTION',
    description: 'Whether the schema may be introspected (true or false); unset means on unless NODE_ENV=production',
    requiredInDeployment: false,
  },
  timeZoneVariable,
]

export interface SubgraphEndpoint {
  /** Overrides the routing URL composed into the supergraph. */
  url?: string
  timeoutMs: number
}

export interface GatewayConfig {
  host: string
  port: number
  /** Processes serving the port; more than one makes this process their primary (gateway/src/workers.ts). */
  workers: number
  supergraphPath: string
  frontendDir: string
  subgraphs: Record<SubgraphName, SubgraphEndpoint>
  resilience: ResiliencePolicy
  auth: AuthConfig
  /** The gateway's own key, which signs the assertion each call of its query plans carries (`x-hub-gateway`). */
  serviceKey: ServiceKeyConfig
  production: boolean
  /** The identity provider the screens sign in with (`GET /auth/config`). */
  signIn: ScreenSignIn
  introspection: boolean
  /** The personal-data operator printed documents name (`GATEWAY_OPERATOR_NAME`, `GATEWAY_OPERATOR_ADDRESS`). */
  operator: Operator
  limits: GatewayLimits
  /** The largest signed scan `POST /files` takes. */
  maxAttachmentBytes: number
  transport: TransportLimits
  telemetry: TelemetryConfig
  /** The region's time zone (`HUB_TIME_ZONE`): printed moments, and the screens' today. */
  timeZone: string
}

function loadLimits(values: Readonly<Record<string, string | undefined>>): GatewayLimits {
  const read = (name: string) => parsePositiveInt(name, values[name])
  const limits = {
    ...loadQueryLimits('GATEWAY', values),
    rateLimit: { requests: read('GATEWAY_RATE_LIMIT_REQUESTS'), windowMs: read('GATEWAY_RATE_LIMIT_WINDOW_MS') },
  }
  // Every operation of a batch takes a token, so a larger batch could never pass.
  if (limits.maxBatchOperations > limits.rateLimit.requests) {
    throw new ConfigError(
      `GATEWAY_MAX_BATCH_OPERATIONS: must not exceed GATEWAY_RATE_LIMIT_REQUESTS (${limits.rateLimit.requests}), got ${limits.maxBatchOperations}`,
    )
  }
  return limits
}

function loadSignIn(values: Readonly<Record<string, string | undefined>>, production: boolean): ScreenSignIn {
  const issuer = parseUrl('GATEWAY_OIDC_ISSUER', values.GATEWAY_OIDC_ISSUER ?? DEV_IDP_URL, ['http:', 'https:'])
  if (production && new URL(issuer).protocol !== 'https:') {
    throw new ConfigError(`GATEWAY_OIDC_ISSUER: production signs in over https only, got ${issuer}`)
  }
  return {
    issuer: issuer.replace(/\/$/, ''),
    clientId: values.GATEWAY_OIDC_CLIENT_ID ?? DEV_SCREENS_CLIENT_ID,
    scope: values.GATEWAY_OIDC_SCOPE ?? DEV_SCREENS_SCOPE,
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const values = readVariables(variables, env)
  const defaultTimeout = parsePositiveInt('GATEWAY_SUBGRAPH_TIMEOUT_MS', values.GATEWAY_SUBGRAPH_TIMEOUT_MS)
  const subgraphs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const prefix = `GATEWAY_${name.toUpperCase()}`
      const url = values[`${prefix}_URL`]
      const timeout = values[`${prefix}_TIMEOUT_MS`]
      return [
        name,
        {
          url: url ? parseUrl(`${prefix}_URL`, url, ['http:', 'https:']) : undefined,
          timeoutMs: timeout ? parsePositiveInt(`${prefix}_TIMEOUT_MS`, timeout) : defaultTimeout,
        },
      ]
    }),
  ) as Record<SubgraphName, SubgraphEndpoint>
  const production = env.NODE_ENV === 'production'
  const introspection = values.GATEWAY_INTROSPECTION
  return Object.freeze({
    host: values.GATEWAY_HOST ?? '127.0.0.1',
    port: parsePort('GATEWAY_PORT', values.GATEWAY_PORT),
    workers: parsePositiveInt('GATEWAY_WORKERS', values.GATEWAY_WORKERS),
    supergraphPath: resolve(values.GATEWAY_SUPERGRAPH_PATH ?? 'schema/supergraph.graphql'),
    frontendDir: resolve(values.GATEWAY_DASHBOARD_DIR ?? 'dashboard/dist'),
    subgraphs,
    resilience: {
      retries: parseWholeNumber('GATEWAY_SUBGRAPH_RETRIES', values.GATEWAY_SUBGRAPH_RETRIES),
      retryBaseMs: parsePositiveInt('GATEWAY_SUBGRAPH_RETRY_BASE_MS', values.GATEWAY_SUBGRAPH_RETRY_BASE_MS),
      failuresToOpen: parsePositiveInt('GATEWAY_CIRCUIT_FAILURES', values.GATEWAY_CIRCUIT_FAILURES),
      openMs: parsePositiveInt('GATEWAY_CIRCUIT_OPEN_MS', values.GATEWAY_CIRCUIT_OPEN_MS),
    },
    auth: loadAuthConfig('GATEWAY', values, production, { trustsServices: false }),
    serviceKey: loadServiceKeyConfig('GATEWAY', 'gateway', values, production),
    production,
    signIn: loadSignIn(values, production),
    operator: {
      name: values.GATEWAY_OPERATOR_NAME ?? DEMO_OPERATOR.name,
      address: values.GATEWAY_OPERATOR_ADDRESS ?? DEMO_OPERATOR.address,
    },
    introspection: introspection ? parseBoolean('GATEWAY_INTROSPECTION', introspection) : !production,
    limits: loadLimits(values),
    maxAttachmentBytes: parsePositiveInt('GATEWAY_MAX_ATTACHMENT_BYTES', values.GATEWAY_MAX_ATTACHMENT_BYTES),
    transport: loadTransportLimits('GATEWAY', values),
    telemetry: loadTelemetryConfig('GATEWAY', values),
    timeZone: loadTimeZone(values),
  })
}
