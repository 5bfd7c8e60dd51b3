import { Migrator, type Kysely, type Migration } from 'kysely'

/**
 * Runs a subgraph's forward-only migrations. Migrations are listed
 * statically by each subgraph (`db/migrations/index.ts`) so that the
 * order is the name order and nothing depends on scanning folders.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below any subgraph's table types
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration>) {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : ''
    throw new Error(`Migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    })
  }
  return results?.map((result) => result.migrationName) ?? []
}
