import { sql, type Kysely } from 'kysely'
import { expect } from 'vitest'
import type { DB } from '../../../subgraphs/health/src/db/database.js'
import type { GraphQLResponse } from '../../support/graphql.js'

/** Every table a health mutation may write. */
const WRITTEN_TABLES = [
  'detection_event',
  'health_group_assessment',
  'diagnosis',
  'risk_factor',
  'dispensary_observation',
  'rehabilitation_episode',
  'rehabilitation_session',
] as const satisfies readonly (keyof DB)[]

/** Row counts and every row of the tables mutations write: equal before and after means nothing was written. */
export async function snapshot(db: Kysely<DB>) {
  const counts: Record<string, number> = {}
  const rows: Record<string, unknown[]> = {}
  for (const table of WRITTEN_TABLES) {
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

/**
 * A value the schema itself refuses before any resolver runs: GraphQL quotes the path of a wrong value
 * ("input.kind") or the name of a missing required field ("primary") in its message.
 */
export function expectRefusedBySchema(response: GraphQLResponse, field: string) {
  expect(response.data ?? null).toBeNull()
  expect(response.errors).toHaveLength(1)
  const [error] = response.errors!
  expect(error!.extensions?.code).toBe('BAD_USER_INPUT')
  expect(error!.message).toContain(`"${field}"`)
}
