import pg from 'pg'

/** The PostgreSQL server the tests use; CI sets nothing and gets the machine's local server. */
export const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** `.ci/run` sets REQUIRE_POSTGRES=1: there the PostgreSQL suites must run, so a missing server fails. */
export const postgresRequired = process.env.REQUIRE_POSTGRES === '1'

export function databaseUrl(database: string) {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export async function postgresReachable() {
  try {
    await withAdmin((client) => client.query('select 1'))
    return true
  } catch (error) {
    if (postgresRequired) {
      throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL at ${adminUrl} is unreachable: ${String(error)}`, {
        cause: error,
      })
    }
    return false
  }
}
