import { resolve } from 'node:path'
import {
  authVariables,
  loadAuthConfig,
  loadServiceKeyConfig,
  type AuthConfig,
  type ServiceKeyConfig,
} from '@hub/platform/auth/config'
import type { DatabaseLocation } from './database.js'
import { DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from './events/delivery.js'
import {
  loadQueryLimits,
  loadTransportLimits,
  queryLimitVariables,
  transportVariables,
} from '@hub/platform/limits-config'
import { DEFAULT_SUBGRAPH_LIMITS, type QueryLimits } from '@hub/platform/limits'
import { DEFAULT_TRANSPORT, type TransportLimits } from '@hub/platform/transport'
import { loadTelemetryConfig, telemetryVariables, type TelemetryConfig } from '@hub/platform/telemetry/config'
import { loadTimeZone, timeZoneVariable } from '@hub/platform/region-time-config'
import { DEFAULT_WORK_BUDGET, type WorkBudgetLimits } from './work-budget.js'
import { DEFAULT_SUBGRAPH_PORTS, REGISTRY_SIDE, type SubgraphName } from '@hub/platform/sides'
import {
  ConfigError,
  parseBoolean,
  parsePort,
  parsePositiveInt,
  parseUrl,
  readVariables,
  type VariableSpec,
} from '@hub/platform/variables'

export const DEFAULT_STATEMENT_TIMEOUT_MS = 2_500

/**
 * How a subgraph's database is migrated. On PostgreSQL the tables belong to an owner role that runs the migrations,
 * and the service connects as another role holding only the rights the migrations grant it (`database-roles.ts`): it
 * can write the access audit but never change or remove a row of it.
 */
export interface MigrationConfig {
  /** The owner's connection; the service's own location where one role does both (the embedded default, development). */
  database: DatabaseLocation
  /** The role the service connects as, granted its rights by every migration run; null when one role does both. */
  runtimeRole: string | null
}

export interface SubgraphConfig {
  name: SubgraphName
  /** For health, education and ngo: where social answers which consents and referrals open a child's data. */
  registry?: { url: string; timeoutMs: number }
  host: string
  port: number
  database: DatabaseLocation
  /** Whether the subgraph migrates its database before it listens; otherwise it refuses to start while one is pending. */
  migrateAtStart: boolean
  /** Present when the subgraph migrates at start. */
  migration: MigrationConfig | null
  poolSize: number
  /** PostgreSQL's `statement_timeout` on the service's connections (`database.ts`). */
  statementTimeoutMs: number
  /** How much expensive work one caller may have at once and per minute (`work-budget.ts`). */
  workBudget: WorkBudgetLimits
  auth: AuthConfig
  serviceKey: ServiceKeyConfig
  telemetry: TelemetryConfig
  /** The region's time zone (`HUB_TIME_ZONE`): today, dates and clocks, and the database sessions' zone. */
  timeZone: string
  /** `NODE_ENV=production`: errors carry no field suggestions. */
  production: boolean
  introspection: boolean
  limits: QueryLimits
  transport: TransportLimits
  /** How the subgraph delivers its domain events to subscribed systems (`events/delivery.ts`). */
  webhooks: WebhookOptions
}

/** Where a subgraph's database is: the service's own connection, as the service and its tools read it. */
function databaseVariables(name: SubgraphName, { requiredInDeployment }: { requiredInDeployment: boolean }) {
  const prefix = name.toUpperCase()
  return [
    {
      name: `${prefix}_DATABASE_URL`,
      description: `PostgreSQL URL of the ${name} database, as the role the service runs as; unset means the embedded PGlite database`,
      requiredInDeployment,
    },
    {
      name: `${prefix}_DATA_DIR`,
      description: 'Folder of the embedded PGlite database (used only without a database URL)',
      default: `data/${name}`,
      requiredInDeployment: false,
    },
  ]
}

/** What migrating a subgraph's database reads: the owner's connection and the role to grant the service's rights to. */
function ownerVariables(name: SubgraphName, { requiredInDeployment }: { requiredInDeployment: boolean }) {
  const prefix = name.toUpperCase()
  return [
    {
      name: `${prefix}_MIGRATION_DATABASE_URL`,
      description: `PostgreSQL URL of the ${name} database as the role that owns its tables, for migrations; unset means ${prefix}_DATABASE_URL (not with NODE_ENV=production)`,
      requiredInDeployment,
    },
    {
      name: `${prefix}_RUNTIME_ROLE`,
      description: `The role the ${name} subgraph connects as, granted what the service needs after every migration run; unset means the user of ${prefix}_DATABASE_URL when it is not the owner`,
      requiredInDeployment,
    },
  ]
}

/** The variables of `npm run migrate` and of a deployment's migration job. */
export function migrationVariables(name: SubgraphName): VariableSpec[] {
  return [
    ...databaseVariables(name, { requiredInDeployment: false }),
    ...ownerVariables(name, { requiredInDeployment: true }),
  ]
}

/** The variables of `npm run audit:verify`: the service's own connection, which may read the audit. */
export function auditVariables(name: SubgraphName): VariableSpec[] {
  return databaseVariables(name, { requiredInDeployment: true })
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
    ...databaseVariables(name, { requiredInDeployment: true }),
    {
      name: `${prefix}_MIGRATE_AT_START`,
      description:
        '`true` or `false`: whether the subgraph migrates its database before it listens (as the owner role); unset means true, false with NODE_ENV=production',
      requiredInDeployment: false,
    },
    // A deployment migrates in a job of its own, so the service needs the owner's connection only where it migrates.
    ...ownerVariables(name, { requiredInDeployment: false }),
    {
      name: `${prefix}_DB_POOL_SIZE`,
      description: 'PostgreSQL connections in the pool',
      default: '10',
      requiredInDeployment: false,
    },
    {
      name: `${prefix}_STATEMENT_TIMEOUT_MS`,
      description:
        'How long one database statement may run before PostgreSQL stops it (statement_timeout); below the gateway’s subgraph timeout, so that the caller is told why',
      default: String(DEFAULT_STATEMENT_TIMEOUT_MS),
      requiredInDeployment: false,
    },
    timeZoneVariable,
    ...workBudgetVariables(prefix),
    ...webhookVariables(prefix),
    ...authVariables(prefix, { trustsServices: true }),
    ...telemetryVariables(prefix),
    ...queryLimitVariables(prefix, DEFAULT_SUBGRAPH_LIMITS),
    ...transportVariables(prefix, DEFAULT_TRANSPORT.subgraph),
    {
      name: `${prefix}_INTROSPECTION`,
      description: 'Whether the schema may be introspected (true or false); unset means on unless NODE_ENV=production',
      requiredInDeployment: false,
    },
    ...(name === REGISTRY_SIDE
      ? []
      : [
          {
            name: `${prefix}_SOCIAL_URL`,
            description:
              "GraphQL URL of the social subgraph itself (not the gateway), asked which consents and referrals open a child's data",
            default: `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[REGISTRY_SIDE]}/graphql`,
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

function webhookVariables(prefix: string): VariableSpec[] {
  return [
    {
      name: `${prefix}_WEBHOOK_RETRY_MS`,
      description: 'Wait after a failed delivery of an event to a webhook; it doubles with every further failure',
      default: String(DEFAULT_WEBHOOK_OPTIONS.retryMs),
      requiredInDeployment: false,
    },
    {
      name: `${prefix}_WEBHOOK_RETRY_MAX_MS`,
      description: 'The longest wait between two attempts to deliver an event',
      default: String(DEFAULT_WEBHOOK_OPTIONS.retryMaxMs),
      requiredInDeployment: false,
    },
    {
      name: `${prefix}_WEBHOOK_MAX_ATTEMPTS`,
      description: 'Attempts after which an undelivered event becomes a dead letter and its subscription moves on',
      default: String(DEFAULT_WEBHOOK_OPTIONS.maxAttempts),
      requiredInDeployment: false,
    },
    {
      name: `${prefix}_WEBHOOK_TIMEOUT_MS`,
      description: 'How long one delivery of an event to a webhook may take',
      default: String(DEFAULT_WEBHOOK_OPTIONS.timeoutMs),
      requiredInDeployment: false,
    },
  ]
}

function loadWebhookOptions(
  prefix: string,
  values: Readonly<Record<string, string | undefined>>,
  production: boolean,
): WebhookOptions {
  const number = (name: string) => parsePositiveInt(`${prefix}_${name}`, values[`${prefix}_${name}`])
  return Object.freeze({
    retryMs: number('WEBHOOK_RETRY_MS'),
    retryMaxMs: number('WEBHOOK_RETRY_MAX_MS'),
    maxAttempts: number('WEBHOOK_MAX_ATTEMPTS'),
    timeoutMs: number('WEBHOOK_TIMEOUT_MS'),
    // Events leave the hub's network: in production only over TLS.
    allowHttp: !production,
  })
}

function workBudgetVariables(prefix: string): VariableSpec[] {
  return [
    {
      name: `${prefix}_WORK_CONCURRENT`,
      description: 'Expensive operations (aggregates, cohorts, long pages) one caller may have running at once',
      default: String(DEFAULT_WORK_BUDGET.concurrent),
      requiredInDeployment: false,
    },
    {
      name: `${prefix}_WORK_PER_MINUTE`,
      description: 'Expensive operations one caller may begin in a minute',
      default: String(DEFAULT_WORK_BUDGET.perMinute),
      requiredInDeployment: false,
    },
  ]
}

function loadWorkBudget(prefix: string, values: Readonly<Record<string, string | undefined>>): WorkBudgetLimits {
  return {
    concurrent: parsePositiveInt(`${prefix}_WORK_CONCURRENT`, values[`${prefix}_WORK_CONCURRENT`]),
    perMinute: parsePositiveInt(`${prefix}_WORK_PER_MINUTE`, values[`${prefix}_WORK_PER_MINUTE`]),
  }
}

const POSTGRES_PROTOCOLS = ['postgres:', 'postgresql:']

function databaseLocation(name: SubgraphName, values: Readonly<Record<string, string | undefined>>): DatabaseLocation {
  const prefix = name.toUpperCase()
  const url = values[`${prefix}_DATABASE_URL`]
  return url
    ? { url: parseUrl(`${prefix}_DATABASE_URL`, url, POSTGRES_PROTOCOLS) }
    : { dataDir: resolve(values[`${prefix}_DATA_DIR`] ?? `data/${name}`) }
}

/** A PostgreSQL role name as the grants quote it: letters, digits and underscores, as `createuser` is usually given. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/

function readMigrationConfig(
  name: SubgraphName,
  values: Readonly<Record<string, string | undefined>>,
  database: DatabaseLocation,
  production: boolean,
): MigrationConfig {
  const prefix = name.toUpperCase()
  const ownerUrl = values[`${prefix}_MIGRATION_DATABASE_URL`]
  if (!ownerUrl) {
    // One role owning the tables and serving from them could erase its own audit: only a development checkout may.
    if (production) {
      throw new ConfigError(
        `${prefix}_MIGRATION_DATABASE_URL: must be set when NODE_ENV=production (the owner role that migrates; the service runs as another)`,
      )
    }
    return { database, runtimeRole: null }
  }
  const owner = new URL(parseUrl(`${prefix}_MIGRATION_DATABASE_URL`, ownerUrl, POSTGRES_PROTOCOLS))
  const runtimeUser = 'url' in database ? decodeURIComponent(new URL(database.url).username) : ''
  const ownerUser = decodeURIComponent(owner.username)
  const runtimeRole = values[`${prefix}_RUNTIME_ROLE`] ?? (runtimeUser !== ownerUser ? runtimeUser : '')
  if (runtimeRole === '') {
    throw new ConfigError(
      `${prefix}_RUNTIME_ROLE: must name the role the service connects as, which must not be the owner "${ownerUser}"`,
    )
  }
  if (!ROLE_NAME.test(runtimeRole) || runtimeRole === ownerUser) {
    throw new ConfigError(
      `${prefix}_RUNTIME_ROLE: must be a role name of lower-case letters, digits and underscores other than the owner "${ownerUser}", got "${runtimeRole}"`,
    )
  }
  return { database: { url: owner.toString() }, runtimeRole }
}

/** What `npm run migrate` reads for one subgraph. */
export function loadMigrationConfig(name: SubgraphName, env: NodeJS.ProcessEnv): MigrationConfig {
  const values = readVariables(
    migrationVariables(name).map((spec) => ({ ...spec, requiredInDeployment: false })),
    env,
  )
  return Object.freeze(readMigrationConfig(name, values, databaseLocation(name, values), env.NODE_ENV === 'production'))
}

/** What `npm run audit:verify` reads for one subgraph. */
export function loadAuditDatabase(name: SubgraphName, env: NodeJS.ProcessEnv): DatabaseLocation {
  return databaseLocation(name, readVariables(auditVariables(name), env))
}

export function loadSubgraphConfig(name: SubgraphName, env: NodeJS.ProcessEnv): SubgraphConfig {
  const prefix = name.toUpperCase()
  const values = readVariables(subgraphVariables(name), env)
  const production = env.NODE_ENV === 'production'
  const database = databaseLocation(name, values)
  const migrateAtStartValue = values[`${prefix}_MIGRATE_AT_START`]
  const migrateAtStart = migrateAtStartValue
    ? parseBoolean(`${prefix}_MIGRATE_AT_START`, migrateAtStartValue)
    : !production
  const introspection = values[`${prefix}_INTROSPECTION`]
  return Object.freeze({
    name,
    host: values[`${prefix}_HOST`] ?? '127.0.0.1',
    port: parsePort(`${prefix}_PORT`, values[`${prefix}_PORT`]),
    database,
    migrateAtStart,
    migration: migrateAtStart ? readMigrationConfig(name, values, database, production) : null,
    poolSize: parsePositiveInt(`${prefix}_DB_POOL_SIZE`, values[`${prefix}_DB_POOL_SIZE`]),
    statementTimeoutMs: parsePositiveInt(`${prefix}_STATEMENT_TIMEOUT_MS`, values[`${prefix}_STATEMENT_TIMEOUT_MS`]),
    workBudget: loadWorkBudget(prefix, values),
    webhooks: loadWebhookOptions(prefix, values, production),
    auth: loadAuthConfig(prefix, values, production, { trustsServices: true }),
    serviceKey: loadServiceKeyConfig(prefix, name, values, production),
    telemetry: loadTelemetryConfig(prefix, values),
    timeZone: loadTimeZone(values),
    production,
    introspection: introspection ? parseBoolean(`${prefix}_INTROSPECTION`, introspection) : !production,
    limits: loadQueryLimits(prefix, values),
    transport: loadTransportLimits(prefix, values),
    registry:
      name === REGISTRY_SIDE
        ? undefined
        : {
            url: parseUrl(`${prefix}_SOCIAL_URL`, values[`${prefix}_SOCIAL_URL`], ['http:', 'https:']),
            timeoutMs: parsePositiveInt(`${prefix}_SOCIAL_TIMEOUT_MS`, values[`${prefix}_SOCIAL_TIMEOUT_MS`]),
          },
  })
}
