import { sql, type Kysely } from 'kysely'
import { expect } from 'vitest'
import type { DB } from '../../../subgraphs/ngo/src/db/database.js'
import type { GraphQLResponse } from '../../support/graphql.js'

/** Every table of the ngo database, and so every table an ngo mutation may write. */
const TABLES = [
  'ngo_session',
  'parent_group',
  'parent_group_meeting',
  'parent_group_participation',
  'volunteer',
  'volunteer_hours',
] as const satisfies readonly (keyof DB)[]

/** Row counts and every row: equal before and after means nothing was inserted, updated or deleted. */
export async function snapshot(db: Kysely<DB>) {
  const counts: Record<string, number> = {}
  const rows: Record<string, unknown[]> = {}
  for (const table of TABLES) {
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by id`.execute(db)
    counts[table] = result.rows.length
    rows[table] = result.rows
  }
  return { counts, rows }
}

/** A calendar date `days` from today (UTC, as the subgraph counts), 'YYYY-MM-DD'. */
export function daysFromToday(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

/** Two days ahead, so that a run across midnight still sends a date in the future. */
export const FUTURE = daysFromToday(2)

/** A rule broken inside the resolver: the code, and the field named both in the message and in `extensions.field`. */
export function expectRejected(
  response: GraphQLResponse,
  expected: { code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT'; field: string; rule?: string },
) {
  expect(response.data ?? null).toBeNull()
  expect(response.errors).toHaveLength(1)
  const [error] = response.errors!
  expect(error!.extensions?.code).toBe(expected.code)
  expect(error!.extensions?.field).toBe(expected.field)
  expect(error!.message.startsWith(`${expected.field}: `)).toBe(true)
  if (expected.rule) expect(error!.message).toContain(expected.rule)
}
