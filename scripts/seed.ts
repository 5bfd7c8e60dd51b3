import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { openDatabase, type Database, type DatabaseLocation } from '@hub/subgraph-kit/database'
import { migrateToLatest } from '@hub/subgraph-kit/migrate'
import { loadConfig as loadEducationConfig } from '../subgraphs/education/src/config.js'
import type { DB as EducationDB } from '../subgraphs/education/src/db/database.js'
import { migrations as educationMigrations } from '../subgraphs/education/src/db/migrations/index.js'
import { clearEducation, countEducationRows, seedEducation } from '../subgraphs/education/src/db/seed.js'
import { loadConfig as loadHealthConfig } from '../subgraphs/health/src/config.js'
import type { DB as HealthDB } from '../subgraphs/health/src/db/database.js'
import { migrations as healthMigrations } from '../subgraphs/health/src/db/migrations/index.js'
import { clearHealth, countHealthRows, seedHealth } from '../subgraphs/health/src/db/seed.js'
import { loadConfig as loadNgoConfig } from '../subgraphs/ngo/src/config.js'
import type { DB as NgoDB } from '../subgraphs/ngo/src/db/database.js'
import { migrations as ngoMigrations } from '../subgraphs/ngo/src/db/migrations/index.js'
import { clearNgo, countNgoRows, seedNgo } from '../subgraphs/ngo/src/db/seed.js'
import { loadConfig as loadSocialConfig } from '../subgraphs/social/src/config.js'
import type { DB as SocialDB } from '../subgraphs/social/src/db/database.js'
import { migrations as socialMigrations } from '../subgraphs/social/src/db/migrations/index.js'
import { clearSocial, countSocialRows, seedSocial } from '../subgraphs/social/src/db/seed.js'
import { createRegion, DEFAULT_SEED, MAX_CHILDREN, type RegionChunk } from './seed/region.js'
import { SignalPicker } from './seed/signals.js'
import { referenceDayOf, regionToday } from './seed/days.js'
import { fileDemoReports } from './seed/reports.js'

export const DEFAULT_CHILDREN = 3000

/** The four subgraph databases, open and migrated. */
export interface HubDatabases {
  social: Kysely<SocialDB>
  health: Kysely<HealthDB>
  education: Kysely<EducationDB>
  ngo: Kysely<NgoDB>
}

/** Rows per seeded table, per subgraph database. */
export type RowCounts = Record<SubgraphName, Record<string, number>>

/** Seeding would mix a new region with existing data; nothing was written. */
export class RegionAlreadySeededError extends Error {}

export interface SeedOptions {
  /** Children in the region; default 3000. */
  children?: number
  /**
   * The reference date, YYYY-MM-DD: the region's births, registrations, pathway, sessions and staff lead up to it
   * (`regionToday()` for today's; tests and the benchmark take `FIXED_REFERENCE_DATE`).
   */
  today: string
  /** The generator's seed; the same seed, date and number of children give the same rows. */
  seed?: number
  /** Empty the seeded tables of all four databases first; without it, existing data makes the seed refuse. */
  reset?: boolean
  /**
   * File the quarterly reports of the past three years, on time, as the coordinator would have (`npm run seed` and the
   * first start do; the tests and the benchmark file their own).
   */
  fileReports?: boolean
  /** Progress lines for a long seed. */
  log?: (line: string) => void
}

export interface SeedRegionOptions extends SeedOptions {
  /** Where each subgraph keeps its data; default: each subgraph's own config (`<NAME>_DATABASE_URL` or `<NAME>_DATA_DIR`). */
  locations?: Record<SubgraphName, DatabaseLocation>
}

export interface SeedReport {
  children: number
  counts: RowCounts
  elapsedMs: number
}

/** Each subgraph's database location, as that subgraph reads it from the environment. */
export function configuredLocations(env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, DatabaseLocation> {
  return {
    social: loadSocialConfig(env).database,
    health: loadHealthConfig(env).database,
    education: loadEducationConfig(env).database,
    ngo: loadNgoConfig(env).database,
  }
}

export async function countRows(databases: HubDatabases): Promise<RowCounts> {
  const [social, health, education, ngo] = await Promise.all([
    countSocialRows(databases.social),
    countHealthRows(databases.health),
    countEducationRows(databases.education),
    countNgoRows(databases.ngo),
  ])
  return { social, health, education, ngo }
}

function insertChunk(databases: HubDatabases, chunk: RegionChunk) {
  return Promise.all([
    seedSocial(databases.social, chunk.social),
    seedHealth(databases.health, chunk.health),
    seedEducation(databases.education, chunk.education),
    seedNgo(databases.ngo, chunk.ngo),
  ])
}

/**
 * Fills four open, migrated databases with the synthetic region. Each chunk
 * of about a thousand children is generated, inserted into all four, and
 * dropped, so memory stays flat whatever the number of children.
 */
export async function seedDatabases(databases: HubDatabases, options: SeedOptions): Promise<RowCounts> {
  const children = options.children ?? DEFAULT_CHILDREN
  const region = createRegion({ children, today: options.today, seed: options.seed ?? DEFAULT_SEED })

  if (options.reset) {
    await Promise.all([
      clearSocial(databases.social),
      clearHealth(databases.health),
      clearEducation(databases.education),
      clearNgo(databases.ngo),
    ])
  } else {
    const existing = await countRows(databases)
    const registered = existing.social.child ?? 0
    if (registered > 0) {
      throw new RegionAlreadySeededError(
        `The social database already has ${registered} children; seed with --reset to replace them.`,
      )
    }
    // The ids are derived from the seed, so leftovers of an interrupted seed would collide with the new rows.
    const filled = SUBGRAPH_NAMES.filter((name) => Object.values(existing[name]).some((count) => count > 0))
    if (filled.length > 0) {
      throw new RegionAlreadySeededError(
        `The ${filled.join(', ')} database${filled.length > 1 ? 's' : ''} already hold${filled.length > 1 ? '' : 's'} seeded rows; seed with --reset to replace them.`,
      )
    }
  }

  const started = performance.now()
  await insertChunk(databases, region.reference)
  const signals = new SignalPicker(options.today)
  let done = 0
  let reported = 0
  for (const chunk of region.chunks()) {
    await insertChunk(databases, chunk)
    signals.add(chunk)
    done += chunk.social.children.length
    if (options.log && (done - reported >= 10_000 || done === children)) {
      reported = done
      options.log(`  ${done} / ${children} children (${((performance.now() - started) / 1000).toFixed(1)} s)`)
    }
  }
  await insertChunk(databases, signals.chunk())
  if (options.fileReports) {
    const filed = await fileDemoReports(databases, options.today)
    options.log?.(`  filed ${filed} quarterly reports (${((performance.now() - started) / 1000).toFixed(1)} s)`)
  }
  return countRows(databases)
}

/**
 * Opens each subgraph's database where its config (or `locations`) points,
 * migrates it, seeds the region into all four and closes them.
 */
export async function seedRegion(options: SeedRegionOptions): Promise<SeedReport> {
  const started = performance.now()
  const locations = options.locations ?? configuredLocations()
  const opened: Database<unknown>[] = []
  const open = <DB>(name: SubgraphName) => {
    const database = openDatabase<DB>(locations[name], { poolSize: 2 })
    opened.push(database as Database<unknown>)
    return database.db
  }
  try {
    const databases: HubDatabases = {
      social: open<SocialDB>('social'),
      health: open<HealthDB>('health'),
      education: open<EducationDB>('education'),
      ngo: open<NgoDB>('ngo'),
    }
    await Promise.all([
      migrateToLatest(databases.social, socialMigrations),
      migrateToLatest(databases.health, healthMigrations),
      migrateToLatest(databases.education, educationMigrations),
      migrateToLatest(databases.ngo, ngoMigrations),
    ])
    options.log?.(`  opened and migrated the four databases (${((performance.now() - started) / 1000).toFixed(1)} s)`)
    const counts = await seedDatabases(databases, options)
    return { children: counts.social.child ?? 0, counts, elapsedMs: performance.now() - started }
  } finally {
    await Promise.all(opened.map((database) => database.close()))
  }
}

function describeLocation(location: DatabaseLocation) {
  if ('dataDir' in location) return `PGlite ${location.dataDir}`
  const url = new URL(location.url)
  return `PostgreSQL ${url.host}${url.pathname}`
}

function parseCommandLine(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      children: { type: 'string' },
      seed: { type: 'string' },
      reset: { type: 'boolean', default: false },
      today: { type: 'string' },
    },
  })
  const children = values.children === undefined ? DEFAULT_CHILDREN : Number(values.children)
  if (!Number.isInteger(children) || children < 0 || children > MAX_CHILDREN) {
    throw new Error(`--children: must be a whole number from 0 to ${MAX_CHILDREN}, got "${values.children}"`)
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed)
  if (!Number.isInteger(seed)) throw new Error(`--seed: must be a whole number, got "${values.seed}"`)
  const today = values.today ?? regionToday()
  referenceDayOf(today, '--today')
  return { children, seed, reset: values.reset, today }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const options = parseCommandLine(process.argv.slice(2))
    const locations = configuredLocations()
    console.log(
      `seeding ${options.children} children (seed ${options.seed}, today ${options.today})${options.reset ? ', replacing existing data' : ''}`,
    )
    for (const name of SUBGRAPH_NAMES) console.log(`  ${name.padEnd(10)}${describeLocation(locations[name])}`)
    const report = await seedRegion({ ...options, locations, fileReports: true, log: console.log })
    for (const name of SUBGRAPH_NAMES) {
      const tables = Object.entries(report.counts[name]).map(([table, count]) => `${table} ${count}`)
      console.log(`  ${name.padEnd(10)}${tables.join(' · ')}`)
    }
    console.log(`seeded ${report.children} children in ${(report.elapsedMs / 1000).toFixed(1)} s`)
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  }
}
