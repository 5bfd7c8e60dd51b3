import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { inject } from 'vitest'
import type { SubgraphName } from '../../subgraphs/kit/src/config.js'
import { openDatabase, type Database } from '../../subgraphs/kit/src/database.js'
import { migrateToLatest } from '../../subgraphs/kit/src/migrate.js'
import { databaseUrl, withAdmin } from './postgres.js'
import { subgraphs } from './subgraphs.js'

export type Backend = 'pglite' | 'postgres'

/** PGlite always; PostgreSQL where a server runs (and always in CI, which requires it). */
export const backends: Backend[] = inject('postgresTemplates') ? ['pglite', 'postgres'] : ['pglite']

export interface TestDatabase<DB> {
  db: Kysely<DB>
  /** Every SQL statement sent since the last `statements.length = 0`. */
  statements: string[]
  watch: Database<DB>['watch']
  /** PostgreSQL only: the pool's connection counts. */
  poolStats?: Database<DB>['poolStats']
  close(): Promise<void>
}

/** A freshly migrated database of one subgraph: an in-memory PGlite, or a clone of the PostgreSQL template. */
export async function openTestDatabase<DB>(name: SubgraphName, backend: Backend): Promise<TestDatabase<DB>> {
  const statements: string[] = []
  const onQuery = (sql: string) => statements.push(sql)
  if (backend === 'pglite') {
    const database = openDatabase<DB>({ dataDir: 'memory://' }, { onQuery })
    await migrateToLatest(database.db, subgraphs[name].migrations)
    statements.length = 0
    return { db: database.db, statements, watch: database.watch, close: database.close }
  }
  const templates = inject('postgresTemplates')
  if (!templates) throw new Error('PostgreSQL templates were not prepared by the global setup')
  const clone = `hub_${name}_${inject('testRunId')}_${randomBytes(4).toString('hex')}`
  await withAdmin((client) => client.query(`create database "${clone}" template "${templates[name]}"`))
  const database = openDatabase<DB>({ url: databaseUrl(clone) }, { onQuery, poolSize: 4 })
  return {
    db: database.db,
    statements,
    watch: database.watch,
    poolStats: database.poolStats,
    close: async () => {
      await database.close()
      await withAdmin((client) => client.query(`drop database if exists "${clone}" with (force)`))
    },
  }
}
