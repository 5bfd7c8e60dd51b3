import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  type DatabaseConnection,
  type KyselyPlugin,
  type LogEvent,
} from 'kysely'
import pg from 'pg'
import { watchPGlite, watchPostgres, type ChangeWatch } from './changes.js'
import { PGliteDialect } from './pglite-dialect.js'
import { regionTimeZone } from '@hub/platform/region-time'
import type { Logger } from '@hub/platform/telemetry/logger'
import type { PoolStats } from '@hub/platform/telemetry/metrics'

const DATE_OID = 1082

/** How long a new connection to PostgreSQL may take. */
const CONNECT_TIMEOUT_MS = 5_000

/** Where a subgraph keeps its data: a PostgreSQL server, or an embedded PGlite folder (`memory://` in tests). */
export type DatabaseLocation = { url: string } | { dataDir: string }

export interface DatabaseOptions {
  /** Called with the SQL text and parameters of every statement sent; tests count and record statements with it. */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void
  /** Pool size for PostgreSQL; PGlite is always one connection. */
  poolSize?: number
  /** Where a lost connection is reported (the service's logger). */
  logger?: Logger
  /**
   * PostgreSQL's `statement_timeout` on every connection of the pool: a statement running longer is cancelled
   * (query_canceled, 57014), so that no request holds a connection and a core for minutes. Unset: no limit (the
   * seeders' and tools' own connections). PGlite accepts the setting but its WebAssembly build never fires it.
   */
  statementTimeoutMs?: number
  /**
   * The sessions' time zone (IANA), so that SQL's `current_date` and `now()::date` are the services' today; unset,
   * the region's (`HUB_TIME_ZONE`, `@hub/platform/region-time`).
   */
  timeZone?: string
}

/**
 * The statements of one request, so that they can be stopped when its caller leaves. `scoped(db)` is the database
 * handle to give the request's code (the same pool, its statements marked as the request's); `abandon()` cancels the
 * statements it is running and refuses the ones it would start next.
 */
export interface RequestStatements {
  scoped<T>(db: Kysely<T>): Kysely<T>
  abandon(): Promise<void>
}

export interface Database<DB> {
  db: Kysely<DB>
  kind: 'postgres' | 'pglite'
  /**
   * PostgreSQL only: a new request's statements. PGlite runs each statement to its end on the process's only thread,
   * so there is nothing to cancel there.
   */
  trackRequest?: () => RequestStatements
  /** The pg pool's connection counts for the metrics; PGlite has no pool. */
  poolStats?: () => PoolStats
  /** Starts listening on a notification channel (`changes.ts`); the watch stops when the database closes. */
  watch(channel: string): Promise<ChangeWatch>
  close(): Promise<void>
}

// Dates stay 'YYYY-MM-DD' strings on both drivers: a calendar date has no time zone.
const keepDateAsText = (value: string) => value

/**
 * The URL with the subgraphs' session settings added beside any server options it already sets (a URL's `options`
 * override the pool's own):
 * - JIT off: it cost 5 of the 6 seconds of the indicators' one large statement at 10,000 children, and the
 *   subgraphs' other statements are short, where JIT never pays;
 * - no parallel workers: a subgraph serves many short requests at once, and starting workers for a registry page's
 *   lookups tripled PostgreSQL's CPU per page with four pages at a time at 100,000 children (docs/development.md, Performance);
 * - a random page read priced near a sequential one (1.1, not 4): a subgraph's tables are read from memory or SSD,
 *   and at 4 the planner read all 170,000 health-group rows for a registry page's 1,000 children (17–22 ms) instead
 *   of probing the index (3.5 ms);
 * - the region's time zone, so that `current_date` is the day the services count as today.
 */
function withSessionSettings(url: string, statementTimeoutMs: number | undefined, timeZone: string) {
  const parsed = new URL(url)
  const settings = [
    '-c jit=off -c max_parallel_workers_per_gather=0 -c random_page_cost=1.1',
    `-c timezone=${timeZone}`,
    statementTimeoutMs === undefined ? '' : `-c statement_timeout=${statementTimeoutMs}`,
  ]
    .filter(Boolean)
    .join(' ')
  parsed.searchParams.set('options', [parsed.searchParams.get('options'), settings].filter(Boolean).join(' '))
  return parsed.toString()
}

const statementNames = new Map<string, string>()

/** A name per SQL text, the same in every connection; the texts are the code's own, so there are few of them. */
function statementName(sql: string) {
  let name = statementNames.get(sql)
  if (name === undefined) statementNames.set(sql, (name = createHash('sha1').update(sql).digest('base64url')))
  return name
}

/**
 * Makes a connection send every parameterised statement as a named prepared statement: PostgreSQL parses and
 * analyses each SQL text once per connection instead of once per execution, and may keep its plan. The loaders'
 * SQL texts do not change with the batch (keys go as one array parameter, `sql.ts`), so the statements are the
 * code's few hundred. A statement without parameters (a migration's script of several statements) is sent as text,
 * and so is one with more than `PREPARED_PARAMETERS_AT_MOST`: a bulk write of many rows (the seeders'), whose text
 * changes with the number of rows and would leave one prepared statement per count.
 */
export const PREPARED_PARAMETERS_AT_MOST = 64

function prepareStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  client.query = ((...args: unknown[]) => {
    const [text, values] = args
    if (
      args.length === 2 &&
      typeof text === 'string' &&
      Array.isArray(values) &&
      values.length > 0 &&
      values.length <= PREPARED_PARAMETERS_AT_MOST
    ) {
      return query({ text, values, name: statementName(text) })
    }
    return query(...args)
  }) as typeof client.query
}

/** The error a request's next statement meets once its caller has left: as PostgreSQL's own query_canceled. */
class RequestAbandoned extends Error {
  readonly code = '57014'
  constructor() {
    super('canceling statement due to user request: the request was abandoned')
  }
}

/** One request's share of the pool: the backends running its statements, and whether its caller has left. */
interface RequestScope {
  running: Set<number>
  abandoned: boolean
  cancelling: Promise<unknown> | null
}

/**
 * Cancellation of the statements of requests whose callers left (the gateway gave up, the client disconnected). A
 * request's handle is the shared pool's with a plugin that marks each query it compiles as the request's (the query
 * node, which reaches the connection inside the compiled query); each connection learns its backend's pid when it
 * opens, and notes which request's statement it is running. `abandon()` asks PostgreSQL to cancel those backends
 * (`pg_cancel_backend`, on a connection of its own: the pool may be full) and holds each such connection until the
 * cancel is done, so that it cannot reach a statement of another request that takes the connection next.
 */
function requestCancellation(url: string) {
  const owners = new WeakMap<object, RequestScope>()

  async function cancel(running: readonly number[]) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
    await client.connect()
    try {
      await client.query('select pg_cancel_backend(pid) from unnest($1::int[]) as pid', [running])
    } finally {
      await client.end()
    }
  }

  return {
    /** Makes a new connection run marked statements on their request's behalf (`PostgresDialect`'s hook). */
    async onCreateConnection(connection: DatabaseConnection) {
      let pid: number
      try {
        const { rows } = await connection.executeQuery<{ pid: number }>(
          CompiledQuery.raw('select pg_backend_pid() as pid'),
        )
        pid = rows[0]!.pid
      } catch {
        // A connection whose backend is unknown still serves; its statements just cannot be cancelled.
        return
      }
      const execute = connection.executeQuery.bind(connection)
      connection.executeQuery = (async (compiled: CompiledQuery) => {
        const scope = owners.get(compiled.query)
        if (!scope) return execute(compiled)
        if (scope.abandoned) throw new RequestAbandoned()
        scope.running.add(pid)
        try {
          return await execute(compiled)
        } finally {
          scope.running.delete(pid)
          // The connection goes back to the pool only once a cancel aimed at it is done.
          if (scope.cancelling) await scope.cancelling
        }
      }) as typeof connection.executeQuery
    },
    track(): RequestStatements {
      const scope: RequestScope = { running: new Set(), abandoned: false, cancelling: null }
      const plugin: KyselyPlugin = {
        transformQuery({ node }) {
          const marked = { ...node }
          owners.set(marked, scope)
          return marked
        },
        transformResult: async ({ result }) => result,
      }
      return {
        scoped: (db) => db.withPlugin(plugin),
        async abandon() {
          if (scope.abandoned) return
          scope.abandoned = true
          if (scope.running.size === 0) return
          scope.cancelling = cancel([...scope.running]).catch(() => undefined)
          await scope.cancelling
        },
      }
    },
  }
}

export function openDatabase<DB>(location: DatabaseLocation, options: DatabaseOptions = {}): Database<DB> {
  const log = options.onQuery
    ? (event: LogEvent) => {
        if (event.level === 'query') options.onQuery?.(event.query.sql, event.query.parameters)
      }
    : undefined
  const timeZone = options.timeZone ?? regionTimeZone()

  if ('url' in location) {
    const pool = new pg.Pool({
      connectionString: withSessionSettings(location.url, options.statementTimeoutMs, timeZone),
      max: options.poolSize ?? 10,
      // A database server that does not answer fails the request in seconds (the subgraph reports it UNAVAILABLE)
      // rather than holding it until the gateway gives up.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === DATE_OID ? keepDateAsText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    })
    pool.on('connect', (client) => {
      prepareStatements(client)
      // A connection lost while a request holds it (between a transaction's statements) fails that request's next
      // statement; without a listener, the client's error event would end the process, and with it every request.
      client.on('error', (error) =>
        options.logger?.error({ err: error.message }, 'database: a connection in use was lost'),
      )
    })
    // An idle connection the server ends (a restart, a dropped database) is removed from the pool; without a
    // listener, its error would end the process.
    pool.on('error', (error) => options.logger?.error({ err: error.message }, 'database: an idle connection was lost'))
    const cancellation = requestCancellation(location.url)
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool, onCreateConnection: cancellation.onCreateConnection }),
      log,
    })
    const watches: ChangeWatch[] = []
    return {
      db,
      kind: 'postgres',
      trackRequest: cancellation.track,
      poolStats: () => pool,
      watch: async (channel) => {
        const watch = await watchPostgres(location.url, channel)
        watches.push(watch)
        return watch
      },
      close: async () => {
        await Promise.all(watches.map((watch) => watch.stop()))
        await db.destroy()
      },
    }
  }

  if (!location.dataDir.startsWith('memory://')) mkdirSync(location.dataDir, { recursive: true })
  const pglite = new PGlite(location.dataDir, {
    parsers: { [DATE_OID]: keepDateAsText },
    // PGlite's buffers live in its WebAssembly memory, which never shrinks: 128 MB (PostgreSQL's default) made each
    // embedded subgraph hold about 360 MiB; 16 MB, about 230 MiB, with the demo region still read from the cache.
    // Its files are in memory or on local disk, so a random read is priced as on a server (withSessionSettings), and
    // its sessions count days in the region's zone as the server's do.
    startParams: [
      ...PGlite.defaultStartParams,
      ...['-c', 'shared_buffers=16MB', '-c', 'random_page_cost=1.1', '-c', `timezone=${timeZone}`],
    ],
    // A migration's CREATE EXTENSION finds only the contrib modules loaded here; pg_trgm indexes the registry's
    // searches by any word of a name (social). PostgreSQL ships it with its contrib modules.
    extensions: { pg_trgm },
  })
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), log })
  return {
    db,
    kind: 'pglite',
    // LISTEN takes the one connection between transactions: inside one, it would wait for that transaction's end.
    watch: (channel) => db.connection().execute(() => watchPGlite(pglite, channel)),
    close: () => db.destroy(),
  }
}
