import { performance } from 'node:perf_hooks'
import { Migrator, sql, type Kysely, type Migration } from 'kysely'
import { DEFAULT_SEED } from '../../scripts/seed/region.js'
import { seedDatabases, type HubDatabases } from '../../scripts/seed.js'
import { FIXED_REFERENCE_DATE } from '../../scripts/seed/days.js'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { openDatabase, type Database } from '@hub/subgraph-kit/database'
import { createDatabase, markSeeded, regionSignature, seededSignature } from '../data.js'
import { sideUrl } from './schemas.js'
import { migrations as educationMigrations } from '../../subgraphs/education/src/db/migrations/index.js'
import { migrations as healthMigrations } from '../../subgraphs/health/src/db/migrations/index.js'
import { migrations as ngoMigrations } from '../../subgraphs/ngo/src/db/migrations/index.js'
import { migrations as socialMigrations } from '../../subgraphs/social/src/db/migrations/index.js'

const MIGRATIONS: Record<SubgraphName, Record<string, Migration>> = {
  social: socialMigrations,
  health: healthMigrations,
  education: educationMigrations,
  ngo: ngoMigrations,
}

export interface PrepareMonolithOptions {
  /** The one database that holds all four sides, each in the schema named after it. */
  url: string
  children: number
  seed?: number
  log?: (line: string) => void
}

/**
 * One side's migrations inside its schema. The kit's runner would look for Kysely's bookkeeping table in every schema
 * and find the first side's, so each side keeps its own in its schema.
 */
async function migrateSide(db: Kysely<unknown>, side: SubgraphName) {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS[side]) },
    migrationTableSchema: side,
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error || failed)
    throw new Error(`monolith: ${side} migration ${failed?.migrationName ?? ''} failed`, { cause: error })
}

/**
 * Makes the monolith: one PostgreSQL database with the four sides' tables in schemas `social`, `health`, `education`
 * and `ngo`, migrated by each subgraph's own migrations and seeded with the same synthetic region (same ids) the
 * federated databases get. A database that already holds exactly this region is only analysed again.
 */
export async function prepareMonolithDatabase(options: PrepareMonolithOptions): Promise<void> {
  const log = options.log ?? (() => undefined)
  const started = performance.now()
  await createDatabase(options.url, { replace: false })
  const seed = options.seed ?? DEFAULT_SEED
  const signature = regionSignature(options.children, seed)
  const opened: Database<unknown>[] = []
  try {
    if ((await seededSignature(options.url)) === signature) {
      log(`monolith: the database already holds ${options.children} children of seed ${seed}`)
    } else {
      const admin = openDatabase<unknown>({ url: options.url }, { poolSize: 1 })
      opened.push(admin)
      const sides = {} as Record<SubgraphName, Kysely<unknown>>
      for (const side of SUBGRAPH_NAMES) {
        await sql`create schema if not exists ${sql.id(side)}`.execute(admin.db)
        const database = openDatabase<unknown>({ url: sideUrl(options.url, side) }, { poolSize: 2 })
        opened.push(database)
        await migrateSide(database.db, side)
        sides[side] = database.db
      }
      log(`monolith: schemas migrated (${((performance.now() - started) / 1000).toFixed(1)} s); seeding`)
      // Each side's Kysely runs in its own schema, so the seed writes exactly the rows the four databases get; reset
      // empties what another region or an interrupted seed left.
      await seedDatabases(sides as unknown as HubDatabases, {
        children: options.children,
        today: FIXED_REFERENCE_DATE,
        seed,
        reset: true,
        log,
      })
      await markSeeded(options.url, signature)
    }
    log(`monolith: ready in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    await Promise.all(opened.map((database) => database.close()))
  }
}
