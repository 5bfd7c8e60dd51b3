import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/kit/src/config.js'
import { DEFAULT_SEED } from '../scripts/seed/region.js'
import { seedRegion } from '../scripts/seed.js'

/** The server the benchmark's databases live on; a database name is appended. */
export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** The names of the benchmark's databases for a region: `<prefix>_<children>_<part>`. */
export function regionDatabase(prefix: string, children: number, part: string) {
  return `${prefix}_${children}_${part}`
}

export function databaseUrl(database: string) {
  const url = new URL(BENCH_SERVER_URL)
  url.pathname = `/${database}`
  return url.toString()
}

/** What the seeded rows depend on: the generator, the seeders and the migrations. A change of any reseeds. */
function regionSignature(children: number, seed: number) {
  const hash = createHash('sha256').update(`${children}:${seed}`)
  const sources = [
    'scripts/seed',
    ...SUBGRAPH_NAMES.flatMap((name) => [`subgraphs/${name}/src/db/seed.ts`, `subgraphs/${name}/src/db/migrations`]),
    'subgraphs/kit/src/staffing',
  ]
  for (const source of sources) {
    const files = source.endsWith('.ts')
      ? [source]
      : readdirSync(source, { recursive: true, encoding: 'utf8' })
          .filter((file) => file.endsWith('.ts') || file.endsWith('.json'))
          .sort()
          .map((file) => join(source, file))
    for (const file of files) hash.update(file).update(readFileSync(file))
  }
  return hash.digest('hex').slice(0, 16)
}

async function withServer<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: BENCH_SERVER_URL })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** The signature stored in a database by `markSeeded`, or null when it is missing or holds none. */
async function seededSignature(database: string) {
  const exists = await withServer(async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database])
    return rowCount === 1
  })
  if (!exists) return null
  const client = new pg.Client({ connectionString: databaseUrl(database) })
  await client.connect()
  try {
    const { rows } = await client.query<{ signature: string }>(
      `select signature from bench_region where to_regclass('bench_region') is not null`,
    )
    return rows[0]?.signature ?? null
  } catch {
    return null
  } finally {
    await client.end()
  }
}

async function recreateDatabase(database: string) {
  await withServer(async (client) => {
    await client.query(`drop database if exists "${database}" with (force)`)
    await client.query(`create database "${database}"`)
  })
}

async function markSeeded(database: string, signature: string) {
  const client = new pg.Client({ connectionString: databaseUrl(database) })
  await client.connect()
  try {
    await client.query('create table bench_region (signature text not null)')
    await client.query('insert into bench_region values ($1)', [signature])
    // Fresh statistics, so the planner sees the region as it is and not as empty tables.
    await client.query('analyze')
  } finally {
    await client.end()
  }
}

export interface FederatedRegion {
  children: number
  /** Each subgraph's own database. */
  urls: Record<SubgraphName, string>
  /** Seconds spent seeding; 0 when the databases already held this region. */
  seededInSeconds: number
}

/**
 * Four databases, one per subgraph, holding the synthetic region of `children` children: `<prefix>_<children>_<name>`.
 * They are reused while their signature matches; otherwise they are recreated and seeded.
 */
export async function prepareFederatedRegion(
  children: number,
  options: { prefix?: string; seed?: number; log?: (line: string) => void } = {},
): Promise<FederatedRegion> {
  const prefix = options.prefix ?? 'bench'
  const seed = options.seed ?? DEFAULT_SEED
  const signature = regionSignature(children, seed)
  const names = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, regionDatabase(prefix, children, name)]),
  ) as Record<SubgraphName, string>
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, databaseUrl(names[name])])) as Record<
    SubgraphName,
    string
  >
  const signatures = await Promise.all(SUBGRAPH_NAMES.map((name) => seededSignature(names[name])))
  if (signatures.every((stored) => stored === signature)) return { children, urls, seededInSeconds: 0 }

  options.log?.(
    `seeding ${children} children into four PostgreSQL databases (${regionDatabase(prefix, children, '*')})…`,
  )
  const started = performance.now()
  for (const name of SUBGRAPH_NAMES) await recreateDatabase(names[name])
  await seedRegion({
    children,
    seed,
    reset: false,
    log: options.log,
    locations: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { url: urls[name] }])) as Record<
      SubgraphName,
      { url: string }
    >,
  })
  for (const name of SUBGRAPH_NAMES) await markSeeded(names[name], signature)
  return { children, urls, seededInSeconds: (performance.now() - started) / 1000 }
}
