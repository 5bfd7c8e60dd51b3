import type { Kysely } from 'kysely'
import { columns } from '../../../db/columns.js'
import type { ClockCode, DB, DeadlineClockTable } from '../../../db/database.js'

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
  if (days.length > 0)
    await db
      .insertInto('non_working_day')
      .values([...days])
      .execute()
}
