import { sql, type Insertable, type Kysely } from 'kysely'
import { columns } from '../../../db/columns.js'
import type {
  CalendarDayKind,
  ClockCode,
  DB,
  DeadlineClockTable,
  WorkingCalendarDayTable,
} from '../../../db/database.js'

export type DeadlineClockRow = Awaited<ReturnType<typeof listDeadlineClocks>>[number]

export function listDeadlineClocks(db: Kysely<DB>) {
  return db.selectFrom('deadline_clock').select(columns.deadlineClock).orderBy('deadline_clock.code').execute()
}

export function updateDeadlineClock(
  db: Kysely<DB>,
  code: ClockCode,
  setting: Pick<DeadlineClockTable, 'days' | 'day_kind'>,
) {
  return db
    .updateTable('deadline_clock')
    .set(setting)
    .where('deadline_clock.code', '=', code)
    .returning(columns.deadlineClock)
    .executeTakeFirstOrThrow()
}

export async function listNonWorkingDays(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('non_working_day')
    .select(['non_working_day.day', 'non_working_day.note'])
    .orderBy('day')
    .execute()
  return rows
}

/** Replaces the non-working days of one year: the region publishes its calendar a year at a time. */
export async function replaceNonWorkingDays(
  db: Kysely<DB>,
  year: number,
  days: readonly { day: string; note: string | null }[],
) {
  await db
    .deleteFrom('non_working_day')
    .where('non_working_day.day', '>=', `${year}-01-01`)
    .where('non_working_day.day', '<=', `${year}-12-31`)
    .execute()
  await insertNonWorkingDays(db, days)
}

export async function insertNonWorkingDays(db: Kysely<DB>, days: readonly { day: string; note: string | null }[]) {
  if (days.length > 0)
    await db
      .insertInto('non_working_day')
      .values([...days])
      .execute()
}

/** The shortened days and the weekend days worked, in date order. */
export function listWorkingCalendarDays(db: Kysely<DB>) {
  return db
    .selectFrom('working_calendar_day')
    .select(['working_calendar_day.day', 'working_calendar_day.kind', 'working_calendar_day.note'])
    .orderBy('working_calendar_day.day')
    .execute()
}

export async function insertWorkingCalendarDays(db: Kysely<DB>, days: readonly Insertable<WorkingCalendarDayTable>[]) {
  if (days.length > 0)
    await db
      .insertInto('working_calendar_day')
      .values([...days])
      .execute()
}

/** Takes days out of the production calendar, whatever they were: a day off, a shortened day, a weekend day worked. */
export async function deleteCalendarDays(db: Kysely<DB>, days: readonly string[]) {
  if (days.length === 0) return
  await db.deleteFrom('non_working_day').where('non_working_day.day', 'in', days).execute()
  await db.deleteFrom('working_calendar_day').where('working_calendar_day.day', 'in', days).execute()
}

/** The days of one year that are not ordinary: the non-working ones, then the shortened and the weekend days worked. */
export function listCalendarDaysOfYear(db: Kysely<DB>, year: number) {
  const [first, last] = [`${year}-01-01`, `${year}-12-31`]
  return db
    .selectFrom('non_working_day')
    .select(['non_working_day.day', sql<CalendarDayKind>`'NON_WORKING'`.as('kind'), 'non_working_day.note'])
    .where('non_working_day.day', '>=', first)
    .where('non_working_day.day', '<=', last)
    .unionAll(
      db
        .selectFrom('working_calendar_day')
        .select(['working_calendar_day.day', 'working_calendar_day.kind', 'working_calendar_day.note'])
        .where('working_calendar_day.day', '>=', first)
        .where('working_calendar_day.day', '<=', last),
    )
    .orderBy('day')
    .execute()
}
