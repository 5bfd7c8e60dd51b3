import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, type LogEvent } from 'kysely'
import pg from 'pg'
import { PGliteDialect } from './pglite-dialect.js'

const DATE_OID = 1082

/** Where a subgraph keeps its data: a PostgreSQL server, or an embedded PGlite folder (`memory://` in tests). */
export type DatabaseLocation = { url: string } | { dataDir: string }

export interface DatabaseOptions {
  /** Called with the SQL text of every statement sent; tests count statements with it. */
  onQuery?: (sql: string) => void
  /** Pool size for PostgreSQL; PGlite is always one connection. */
  poolSize?: number
}

export interface Database<DB> {
  db: Kysely<DB>
  kind: 'postgres' | 'pglite'
  close(): Promise<void>
}

// Dates stay 'YYYY-MM-DD' strings on both drivers: a calendar date has no time zone.
const keepDateAsText = (value: string) => value

/**
 * The URL with PostgreSQL's JIT compilation turned off, beside any server options it already sets (a URL's `options`
 * override the pool's own). JIT cost 5 of the 6 seconds of the indicators' one large statement at 10,000 children
 * (README, Performance); the subgraphs' other statements are short, and JIT never pays for those.
 */
function withoutJit(url: string) {
  const parsed = new URL(url)
  parsed.searchParams.set('options', [parsed.searchParams.get('options'), '-c jit=off'].filter(Boolean).join(' '))
  return parsed.toString()
}

export function openDatabase<DB>(location: DatabaseLocation, options: DatabaseOptions = {}): Database<DB> {
  const log = options.onQuery
    ? (event: LogEvent) => {
        if (event.level === 'query') options.onQuery?.(event.query.sql)
      }
    : undefined

  if ('url' in location) {
    const pool = new pg.Pool({
      connectionString: withoutJit(location.url),
      max: options.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === DATE_OID ? keepDateAsText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    })
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log })
    return { db, kind: 'postgres', close: () => db.destroy() }
  }

  if (!location.dataDir.startsWith('memory://')) mkdirSync(location.dataDir, { recursive: true })
  const pglite = new PGlite(location.dataDir, { parsers: { [DATE_OID]: keepDateAsText } })
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), log })
  return { db, kind: 'pglite', close: () => db.destroy() }
}
