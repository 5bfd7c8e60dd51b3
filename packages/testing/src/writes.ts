import { sql, type Kysely } from 'kysely'
import { expect } from 'vitest'
import { expectCatalogued } from './error-rules.js'
import type { GraphQLResponse } from './graphql.js'
import { regionDay } from '@hub/platform/region-time'

/**
 * Every row of every table of a subgraph's database (migration bookkeeping
 * and the access audit with its chain's head aside, which record reads): equal before and after
 * a refused mutation means nothing was inserted, updated or deleted.
 */
export async function snapshot<DB>(db: Kysely<DB>) {
  const { rows: tables } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
      and table_name not in ('access_audit', 'access_audit_head')
    order by table_name
  `.execute(db)
  const rows: Record<string, unknown[]> = {}
  for (const { table_name: table } of tables) {
    rows[table] = (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1`.execute(db)).rows
  }
  return rows
}

/** A calendar date `days` from today (in the region's time zone, as the subgraphs count), 'YYYY-MM-DD'. */
export function daysFromToday(days: number) {
  return regionDay(new Date(Date.now() + days * 86_400_000))
}

/** Regions' zones the tests count days in, with their distance from UTC in hours (none of them moves its clocks). */
export const TEST_TIME_ZONES = [
  { zone: 'Europe/Moscow', hours: 3 },
  { zone: 'Asia/Vladivostok', hours: 10 },
  { zone: 'Asia/Kamchatka', hours: 12 },
] as const

/** The instant of `time` ('HH:MM') on `day` in a zone `hours` ahead of UTC. */
export function zoneInstant(day: string, time: string, hours: number) {
  return new Date(Date.parse(`${day}T${time}:00Z`) - hours * 3_600_000)
}

/** A calendar date `days` after `day` (before it for a negative count), 'YYYY-MM-DD'. */
export function daysAfter(day: string, days: number) {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** Two days ahead, so that a run across midnight still sends a date in the future. */
export const FUTURE = daysFromToday(2)

/** A rule broken inside the resolver: the code, and the field named both in the message and in `extensions.field`. */
export function expectRejected(
  response: GraphQLResponse<unknown>,
  expected: { code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN'; field: string; rule?: string },
) {
  expect(response.data ?? null).toBeNull()
  expect(response.errors).toHaveLength(1)
  const [error] = response.errors!
  expect(error!.extensions?.code).toBe(expected.code)
  expect(error!.extensions?.field).toBe(expected.field)
  expect(error!.message.startsWith(`${expected.field}: `)).toBe(true)
  if (expected.rule) expect(error!.message).toContain(expected.rule)
  expectCatalogued(error)
}

/** Runs a mutation that must be refused as `expected`, and checks that the database is exactly as it was. */
export async function expectRefusedWithoutWriting<DB>(
  db: Kysely<DB>,
  run: () => Promise<GraphQLResponse<unknown>>,
  expected: Parameters<typeof expectRejected>[1],
) {
  const before = await snapshot(db)
  expectRejected(await run(), expected)
  expect(await snapshot(db)).toEqual(before)
}

/**
 * A value the schema itself refuses before any resolver runs: GraphQL quotes the path of a wrong value
 * ("input.kind") or the name of a missing required field ("primary") in its message.
 */
export function expectRefusedBySchema(response: GraphQLResponse<unknown>, field: string) {
  expect(response.data ?? null).toBeNull()
  expect(response.errors).toHaveLength(1)
  const [error] = response.errors!
  expect(error!.extensions?.code).toBe('BAD_USER_INPUT')
  expect(error!.message).toContain(`"${field}"`)
}
