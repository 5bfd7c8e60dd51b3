import { Migrator, sql, type Kysely, type Migration } from 'kysely'

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
