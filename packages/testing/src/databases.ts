import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { inject } from 'vitest'
import type { SubgraphName } from '@hub/platform/sides'
import { openDatabase, type Database, type DatabaseOptions } from '@hub/subgraph-kit/database'
import { migrateToLatest } from '@hub/subgraph-kit/migrate'
import { databaseUrl, withAdmin } from './postgres.js'
import type { MigratedSubgraph } from './templates.js'

export type Backend = 'pglite' | 'postgres'

/** PGlite always; PostgreSQL where a server runs (and always in CI, which requires it). */
export const backends: Backend[] = inject('postgresTemplates') ? ['pglite', 'postgres'] : ['pglite']

export interface TestDatabase<DB> {
  db: Kysely<DB>
  /** Every SQL statement sent since the last `statements.length = 0`. */
  statements: string[]
  watch: Database<DB>['watch']
  /** The connection URL of a PostgreSQL test database; PGlite's lives in this process only. */
  url?: string
  /** PostgreSQL only: the pool's connection counts. */
  poolStats?: Database<DB>['poolStats']
  close(): Promise<void>
}

/** A freshly migrated database of one subgraph: an in-memory PGlite, or a clone of the PostgreSQL template. */
export async function openTestDatabase<DB>(
  { name, migrations }: MigratedSubgraph,
  backend: Backend,
): Promise<TestDatabase<DB>> {
  const statements: string[] = []
  const onQuery = (sql: string) => statements.push(sql)
  if (backend === 'pglite') {
    const database = openDatabase<DB>({ dataDir: 'memory://' }, { onQuery })
    await migrateToLatest(database.db, migrations)
    statements.length = 0
    return { db: database.db, statements, watch: database.watch, close: database.close }
  }
  const template = inject('postgresTemplates')?.[name]
  if (!template) throw new Error(`No PostgreSQL template of ${name} was prepared by the global setup (templatesSetup)`)
  const clone = testDatabaseName(name)
  await withAdmin((client) => client.query(`create database "${clone}" template "${template}"`))
  return openPostgresTestDatabase<DB>(clone)
}

/** A name for a test database of one subgraph, dropped by the global teardown if a test file leaves it behind. */
export function testDatabaseName(name: SubgraphName) {
  return `hub_${name}_${inject('testRunId')}_${randomBytes(4).toString('hex')}`
}

/**
 * An existing PostgreSQL test database (a clone, or one a test restored a dump or ran migrations into), dropped on
 * close; `onQuery` is told every statement as well.
 */
export function openPostgresTestDatabase<DB>(database: string, onQuery?: DatabaseOptions['onQuery']): TestDatabase<DB> {
  const statements: string[] = []
  const opened = openDatabase<DB>(
    { url: databaseUrl(database) },
    {
      onQuery: (sql, parameters) => {
        statements.push(sql)
        onQuery?.(sql, parameters)
      },
      poolSize: 4,
    },
  )
  return {
    db: opened.db,
    statements,
    watch: opened.watch,
    url: databaseUrl(database),
    poolStats: opened.poolStats,
    close: async () => {
      await opened.close()
      await withAdmin((client) => client.query(`drop database if exists "${database}" with (force)`))
    },
  }
}
