import { resolve } from 'node:path'
import {
  authVariables,
  loadAuthConfig,
  loadServiceKeyConfig,
  type AuthConfig,
  type ServiceKeyConfig,
} from './auth/config.js'
import type { DatabaseLocation } from './database.js'
import { loadTelemetryConfig, telemetryVariables, type TelemetryConfig } from './telemetry/config.js'

/** One environment variable a service reads, with what a deployment must set. */
export interface VariableSpec {
  name: string
  description: string
  default?: string
  /** Must be set by a container deployment (docker-compose), where defaults point at the wrong place. */
  requiredInDeployment: boolean
}

export class ConfigError extends Error {}

/**
 * Reads and validates the listed variables once; the result is frozen.
 * In production (`NODE_ENV=production`) a variable a deployment must set
 * may not fall back to its development default: a subgraph silently
 * running on a throwaway embedded database would lose a ministry's data.
 */
export function readVariables(specs: readonly VariableSpec[], env: NodeJS.ProcessEnv) {
  const production = env.NODE_ENV === 'production'
  const values: Record<string, string | undefined> = {}
  for (const spec of specs) {
    const raw = env[spec.name]
    const missing = raw === undefined || raw === ''
    if (missing && production && spec.requiredInDeployment) {
      throw new ConfigError(`${spec.name}: must be set when NODE_ENV=production (${spec.description})`)
    }
    values[spec.name] = missing ? spec.default : raw
  }
  return Object.freeze(values)
}

export function parsePort(name: string, value: string | undefined) {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name}: must be a TCP port number from 0 to 65535, got "${value}"`)
  }
  return port
}

export function parsePositiveInt(name: string, value: string | undefined) {
  const number = Number(value)
  if (!Number.isInteger(number) || number <= 0) {
    throw new ConfigError(`${name}: must be a positive whole number, got "${value}"`)
  }
  return number
}

export function parseWholeNumber(name: string, value: string | undefined) {
  const number = Number(value)
  if (value === '' || !Number.isInteger(number) || number < 0) {
    throw new ConfigError(`${name}: must be a whole number, 0 or more, got "${value}"`)
  }
  return number
}

export function parseUrl(name: string, value: string | undefined, protocols: readonly string[]) {
  let url: URL
  try {
    url = new URL(value ?? '')
  } catch {
    throw new ConfigError(`${name}: must be a URL, got "${value}"`)
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name}: must use ${protocols.join(' or ')}, got "${url.protocol}"`)
  }
  return url.toString()
}

export type SubgraphName = 'social' | 'health' | 'education' | 'ngo'

export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['social', 'health', 'education', 'ngo']

export const DEFAULT_SUBGRAPH_PORTS: Readonly<Record<SubgraphName, number>> = {
  social: 4001,
  health: 4002,
  education: 4003,
  ngo: 4004,
}

export interface SubgraphConfig {
  name: SubgraphName
  /** For health, education and ngo: where social answers which consents and referrals open a child's data. */
  social?: { url: string; timeoutMs: number }
  host: string
  port: number
  database: DatabaseLocation
  poolSize: number
  auth: AuthConfig
  serviceKey: ServiceKeyConfig
  telemetry: TelemetryConfig
}

/** The variables every subgraph reads, prefixed by its name (`HEALTH_PORT`, `HEALTH_DATABASE_URL`, …). */
export function subgraphVariables(name: SubgraphName): VariableSpec[] {
  const prefix = name.toUpperCase()
  return [
    { name: `${prefix}_HOST`, description: 'Interface to listen on', default: '127.0.0.1', requiredInDeployment: true },
    {
      name: `${prefix}_PORT`,
      description: 'HTTP port',
      default: String(DEFAULT_SUBGRAPH_PORTS[name]),
      requiredInDeployment: true,
    },
    {
      name: `${prefix}_DATABASE_URL`,
      description: `PostgreSQL URL of the ${name} database; unset means the embedded PGlite database`,
      requiredInDeployment: true,
    },
    {
      name: `${prefix}_DATA_DIR`,
      description: 'Folder of the embedded PGlite database (used only without a database URL)',
      default: `data/${name}`,
      requiredInDeployment: false,
    },
    {
      name: `${prefix}_DB_POOL_SIZE`,
      description: 'PostgreSQL connections in the pool',
      default: '10',
      requiredInDeployment: false,
    },
    ...authVariables(prefix, { trustsServices: true }),
    ...telemetryVariables(prefix),
    ...(name === 'social'
      ? []
      : [
          {
            name: `${prefix}_SOCIAL_URL`,
            description:
              "GraphQL URL of the social subgraph itself (not the gateway), asked which consents and referrals open a child's data",
            default: `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS.social}/graphql`,
            requiredInDeployment: true,
          },
          {
            name: `${prefix}_SOCIAL_TIMEOUT_MS`,
            description: 'How long asking social about consents may take before the data stays closed',
            default: '2000',
            requiredInDeployment: false,
          },
        ]),
  ]
}

export function loadSubgraphConfig(name: SubgraphName, env: NodeJS.ProcessEnv): SubgraphConfig {
  const prefix = name.toUpperCase()
  const values = readVariables(subgraphVariables(name), env)
  const production = env.NODE_ENV === 'production'
  const url = values[`${prefix}_DATABASE_URL`]
  const database: DatabaseLocation = url
    ? { url: parseUrl(`${prefix}_DATABASE_URL`, url, ['postgres:', 'postgresql:']) }
    : { dataDir: resolve(values[`${prefix}_DATA_DIR`] ?? `data/${name}`) }
  return Object.freeze({
    name,
    host: values[`${prefix}_HOST`] ?? '127.0.0.1',
    port: parsePort(`${prefix}_PORT`, values[`${prefix}_PORT`]),
    database,
    poolSize: parsePositiveInt(`${prefix}_DB_POOL_SIZE`, values[`${prefix}_DB_POOL_SIZE`]),
    auth: loadAuthConfig(prefix, values, production, { trustsServices: true }),
    serviceKey: loadServiceKeyConfig(prefix, name, values, production),
    telemetry: loadTelemetryConfig(prefix, values),
    social:
      name === 'social'
        ? undefined
        : {
            url: parseUrl(`${prefix}_SOCIAL_URL`, values[`${prefix}_SOCIAL_URL`], ['http:', 'https:']),
            timeoutMs: parsePositiveInt(`${prefix}_SOCIAL_TIMEOUT_MS`, values[`${prefix}_SOCIAL_TIMEOUT_MS`]),
          },
  })
}
