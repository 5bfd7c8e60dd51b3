import { ConfigError, parsePositiveInt, type VariableSpec } from './variables.js'
import type { QueryLimits } from './limits.js'
import type { TransportLimits } from './transport.js'

type Values = Readonly<Record<string, string | undefined>>

function optional(specs: { name: string; description: string; default: number }[]): VariableSpec[] {
  return specs.map((spec) => ({ ...spec, default: String(spec.default), requiredInDeployment: false }))
}

/** The limits every request meets (`limits.ts`), one variable each, prefixed by service. */
export function queryLimitVariables(prefix: string, defaults: QueryLimits): VariableSpec[] {
  return optional([
    {
      name: `${prefix}_MAX_DEPTH`,
      description: 'Deepest nesting of selections a query may have',
      default: defaults.maxDepth,
    },
    { name: `${prefix}_MAX_ALIASES`, description: 'Most aliases in one operation', default: defaults.maxAliases },
    {
      name: `${prefix}_MAX_TOKENS`,
      description: 'Most lexical tokens in one query document',
      default: defaults.maxTokens,
    },
    {
      name: `${prefix}_MAX_DIRECTIVES`,
      description: 'Most directives in one operation',
      default: defaults.maxDirectives,
    },
    {
      name: `${prefix}_MAX_COST`,
      description: 'Highest cost of one operation, page sizes read from its variables',
      default: defaults.maxCost,
    },
    {
      name: `${prefix}_MAX_BATCH_OPERATIONS`,
      description: 'Most operations in one HTTP request; 1 refuses batches',
      default: defaults.maxBatchOperations,
    },
    { name: `${prefix}_MAX_BODY_BYTES`, description: 'Largest request body', default: defaults.maxBodyBytes },
  ])
}

export function loadQueryLimits(prefix: string, values: Values): QueryLimits {
  const read = (name: string) => parsePositiveInt(`${prefix}_${name}`, values[`${prefix}_${name}`])
  return {
    maxDepth: read('MAX_DEPTH'),
    maxAliases: read('MAX_ALIASES'),
    maxTokens: read('MAX_TOKENS'),
    maxDirectives: read('MAX_DIRECTIVES'),
    maxCost: read('MAX_COST'),
    maxBatchOperations: read('MAX_BATCH_OPERATIONS'),
    maxBodyBytes: read('MAX_BODY_BYTES'),
  }
}

/** The HTTP server's bounds and the per-address rate (`transport.ts`), prefixed by service. */
export function transportVariables(prefix: string, defaults: TransportLimits): VariableSpec[] {
  return optional([
    {
      name: `${prefix}_HEADERS_TIMEOUT_MS`,
      description: "How long a request's headers may take to arrive before the connection is closed",
      default: defaults.headersTimeoutMs,
    },
    {
      name: `${prefix}_REQUEST_TIMEOUT_MS`,
      description: 'How long a whole request, body included, may take to arrive; not less than the headers timeout',
      default: defaults.requestTimeoutMs,
    },
    {
      name: `${prefix}_KEEP_ALIVE_TIMEOUT_MS`,
      description: 'How long an idle kept-alive connection stays open',
      default: defaults.keepAliveTimeoutMs,
    },
    {
      name: `${prefix}_MAX_CONNECTIONS`,
      description: 'Connections held at once; a further one is closed as it opens',
      default: defaults.maxConnections,
    },
    {
      name: `${prefix}_ADDRESS_RATE_LIMIT_REQUESTS`,
      description: `Requests one network address may send per ${prefix}_ADDRESS_RATE_LIMIT_WINDOW_MS, counted before the token is checked`,
      default: defaults.addressRateLimit.requests,
    },
    {
      name: `${prefix}_ADDRESS_RATE_LIMIT_WINDOW_MS`,
      description: `Window in which an address's ${prefix}_ADDRESS_RATE_LIMIT_REQUESTS come back`,
      default: defaults.addressRateLimit.windowMs,
    },
  ])
}

export function loadTransportLimits(prefix: string, values: Values): TransportLimits {
  const read = (name: string) => parsePositiveInt(`${prefix}_${name}`, values[`${prefix}_${name}`])
  const limits = {
    headersTimeoutMs: read('HEADERS_TIMEOUT_MS'),
    requestTimeoutMs: read('REQUEST_TIMEOUT_MS'),
    keepAliveTimeoutMs: read('KEEP_ALIVE_TIMEOUT_MS'),
    maxConnections: read('MAX_CONNECTIONS'),
    addressRateLimit: {
      requests: read('ADDRESS_RATE_LIMIT_REQUESTS'),
      windowMs: read('ADDRESS_RATE_LIMIT_WINDOW_MS'),
    },
  }
  // Node refuses to start a server whose headers may take longer than the whole request.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError(
      `${prefix}_HEADERS_TIMEOUT_MS: must not exceed ${prefix}_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs}), got ${limits.headersTimeoutMs}`,
    )
  }
  return limits
}
