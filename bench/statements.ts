import pg from 'pg'
import { BENCH_SERVER_URL, databaseUrl } from './data.js'

/**
 * Committed and rolled back transactions per database, as PostgreSQL's cumulative statistics have them now, less the
 * sessions opened: a new connection reads the catalogue in a transaction of its own, and a pool reopens connections
 * that were idle for 10 s.
 */
async function transactions(databases: readonly string[]) {
  const client = new pg.Client({ connectionString: BENCH_SERVER_URL })
  await client.connect()
  try {
    const { rows } = await client.query<{ datname: string; count: string }>(
      `select datname, xact_commit + xact_rollback - sessions as count from pg_stat_database where datname = any($1)`,
      [databases],
    )
    return new Map(rows.map((row) => [row.datname, Number(row.count)]))
  } finally {
    await client.end()
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits, at most two minutes, until no session of the databases matches `condition` in `pg_stat_activity`. */
async function waitForNoSession(databases: readonly string[], condition: string) {
  const client = new pg.Client({ connectionString: BENCH_SERVER_URL })
  await client.connect()
  try {
    for (let waited = 0; waited < 120_000; waited += 500) {
      const { rows } = await client.query<{ sessions: number }>(
        `select count(*)::int as sessions from pg_stat_activity where datname = any($1) and ${condition}`,
        [databases],
      )
      if (rows[0]!.sessions === 0) return
      await sleep(500)
    }
  } finally {
    await client.end()
  }
}

/**
 * Waits until no autovacuum worker runs in the databases: the load's audit writes set it off, and a system measured
 * while it runs would pay for the one measured before it.
 */
export function autovacuumDone(databases: readonly string[]) {
  return waitForNoSession(databases, `backend_type = 'autovacuum worker'`)
}

/**
 * Waits until no statement runs in the databases: a load generator stops sending at the end of its run, but the
 * requests it sent last (a RegionalIndicators of 100,000 children takes seconds) still run their statements.
 */
function quiet(databases: readonly string[]) {
  return waitForNoSession(databases, `state <> 'idle'`)
}

/**
 * Waits until the statistics stop moving. An idle backend reports its counts within a second, but one that could not
 * take the statistics lock at once retries only after 10 s (PGSTAT_IDLE_INTERVAL), so the first read waits that long.
 */
async function settledTransactions(databases: readonly string[]) {
  await quiet(databases)
  await sleep(11_000)
  let previous = await transactions(databases)
  for (let attempt = 0; attempt < 10; attempt++) {
    await sleep(1_500)
    const current = await transactions(databases)
    if (databases.every((name) => current.get(name) === previous.get(name))) return current
    previous = current
  }
  return previous
}

/**
 * SQL statements each database ran for one call of `work`, with nothing else running. The subgraphs read outside
 * explicit transactions, so every statement is a transaction of its own and PostgreSQL's per-database transaction
 * count is the statement count, without instrumenting the services.
 */
export async function countStatements(databases: readonly string[], work: () => Promise<void>) {
  // Autovacuum's transactions count too: after the load's audit writes it would analyse while the work runs.
  for (const database of databases) {
    const client = new pg.Client({ connectionString: databaseUrl(database) })
    await client.connect()
    try {
      await client.query('vacuum analyze')
    } finally {
      await client.end()
    }
  }
  const before = await settledTransactions(databases)
  await work()
  const after = await settledTransactions(databases)
  return Object.fromEntries(databases.map((name) => [name, (after.get(name) ?? 0) - (before.get(name) ?? 0)]))
}
