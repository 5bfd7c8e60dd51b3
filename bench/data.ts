import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { DEFAULT_SEED } from '../scripts/seed/region.js'
import { seedRegion } from '../scripts/seed.js'
import { FIXED_REFERENCE_DATE } from '../scripts/seed/days.js'

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
export function regionSignature(children: number, seed: number) {
  const hash = createHash('sha256').update(`${children}:${seed}`)
  const sources = [
    'scripts/seed',
    ...SUBGRAPH_NAMES.flatMap((name) => [`subgraphs/${name}/src/db/seed.ts`, `subgraphs/${name}/src/db/migrations`]),
    'packages/side-contract/src/staffing',
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

const nameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1))

async function connected<T>(url: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Works on the server of `url` from its `postgres` database: creating and dropping databases happens there. */
function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>) {
  const admin = new URL(url)
  admin.pathname = '/postgres'
  admin.search = ''
  return connected(admin.toString(), work)
}

/** The signature `markSeeded` stored in the database at `url`, or null when it is missing or holds none. */
export async function seededSignature(url: string) {
  const exists = await onServer(url, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [nameOf(url)])
    return rowCount === 1
  })
  if (!exists) return null
  return connected(url, async (client) => {
    const { rows } = await client.query<{ signature: string }>(
      `select signature from public.bench_region where to_regclass('public.bench_region') is not null`,
    )
    return rows[0]?.signature ?? null
  }).catch(() => null)
}

/** Creates the database at `url`; with `replace`, drops it first. */
export async function createDatabase(url: string, { replace }: { replace: boolean }) {
  const name = nameOf(url).replaceAll('"', '""')
  await onServer(url, async (client) => {
    if (replace) await client.query(`drop database if exists "${name}" with (force)`)
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [nameOf(url)])
    if (rowCount === 0) await client.query(`create database "${name}"`)
  })
}

/** Records which region the database at `url` now holds, and refreshes the planner's statistics for it. */
export async function markSeeded(url: string, signature: string) {
  await connected(url, async (client) => {
    await client.query('drop table if exists public.bench_region')
    await client.query('create table public.bench_region (signature text not null)')
    await client.query('insert into public.bench_region values ($1)', [signature])
    await client.query('analyze')
  })
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
  const signatures = await Promise.all(SUBGRAPH_NAMES.map((name) => seededSignature(urls[name])))
  if (signatures.every((stored) => stored === signature)) return { children, urls, seededInSeconds: 0 }

  options.log?.(
    `seeding ${children} children into four PostgreSQL databases (${regionDatabase(prefix, children, '*')})…`,
  )
  const started = performance.now()
  for (const name of SUBGRAPH_NAMES) await createDatabase(urls[name], { replace: true })
  await seedRegion({
    children,
    today: FIXED_REFERENCE_DATE,
    seed,
    reset: false,
    log: options.log,
    locations: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { url: urls[name] }])) as Record<
      SubgraphName,
      { url: string }
    >,
  })
  for (const name of SUBGRAPH_NAMES) await markSeeded(urls[name], signature)
  return { children, urls, seededInSeconds: (performance.now() - started) / 1000 }
}
