import { Migrator, sql, type Kysely, type Migration } from 'kysely'
import type { MigrationConfig } from './config.js'
import { openDatabase } from './database.js'
import { grantRuntimeRights } from './database-roles.js'

/**
 * Runs a subgraph's forward-only migrations. Migrations are listed
 * statically by each subgraph (`db/migrations/index.ts`) so that the
 * order is the name order and nothing depends on scanning folders.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below any subgraph's table types
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration>) {
  // A migration rewriting a large table may run longer than the service's statements may (statement_timeout): it runs
  // on one connection with the limit lifted, and the connection goes back to the pool with the limit it started with.
  const { error, results } = await db.connection().execute(async (connection) => {
    await sql`set statement_timeout = 0`.execute(connection)
    try {
      return await new Migrator({
        db: connection,
        provider: { getMigrations: async () => migrations },
      }).migrateToLatest()
    } finally {
      await sql`reset statement_timeout`.execute(connection)
    }
  })
  const failed = results?.find((result) => result.status === 'Error')
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : ''
    throw new Error(`Migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    })
  }
  return results?.map((result) => result.migrationName) ?? []
}

/**
 * Migrates a subgraph's database as its owner and, where the service runs as another role, grants that role its
 * rights (again after every run, so the tables of new migrations are covered). Returns the migrations it ran.
 */
export async function migrateDatabase(config: MigrationConfig, migrations: Record<string, Migration>) {
  const owner = openDatabase(config.database, { poolSize: 1 })
  try {
    const ran = await migrateToLatest(owner.db, migrations)
    const { runtimeRole } = config
    if (runtimeRole !== null) await owner.db.transaction().execute((trx) => grantRuntimeRights(trx, runtimeRole))
    return ran
  } finally {
    await owner.close()
  }
}

/** The migrations not yet run on this database, in order: a service that does not migrate refuses to start on them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below any subgraph's table types
export async function findPendingMigrations(db: Kysely<any>, migrations: Record<string, Migration>) {
  const { rows: bookkeeping } = await sql<{ found: boolean }>`
    select to_regclass('kysely_migration') is not null as found
  `.execute(db)
  const { rows } = bookkeeping[0]?.found
    ? await sql<{ name: string }>`select name from kysely_migration`.execute(db)
    : { rows: [] }
  const done = new Set(rows.map((row) => row.name))
  return Object.keys(migrations)
    .sort()
    .filter((name) => !done.has(name))
}
