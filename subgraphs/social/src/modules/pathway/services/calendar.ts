import type { Transaction } from 'kysely'
import { badUserInput } from '@hub/platform/errors'
import type { ClockCode, DB, DeadlineClockTable } from '../../../db/database.js'
import { deleteCalendarDays, replaceNonWorkingDays, updateDeadlineClock } from '../queries/deadline_clock.queries.js'

export async function setDeadlineClock(
  trx: Transaction<DB>,
  input: { code: ClockCode; days: number; dayKind: DeadlineClockTable['day_kind'] },
) {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 366) {
    throw badUserInput('input.days', 'NUMBER_RANGE', 'must be a whole number of days from 1 to 366', {
      min: 1,
      max: 366,
    })
  }
  return updateDeadlineClock(trx, input.code, { days: input.days, day_kind: input.dayKind })
}

/** A year the production calendar may hold, or the refusal naming the field. */
export function calendarYear(field: string, year: number) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw badUserInput(field, 'NUMBER_RANGE', 'must be a year from 2000 to 2100', { min: 2000, max: 2100 })
  }
  return year
}

/**
 * The region's non-working days for one year: holidays and moved days off, on top of weekends. The same table the
 * import of the production calendar writes: an edit by hand after an import stands until a later import changes the
 * same day.
 */
export async function setNonWorkingDays(
  trx: Transaction<DB>,
  input: { year: number; days: readonly { day: string; note?: string | null }[] },
) {
  calendarYear('input.year', input.year)
  input.days.forEach(({ day }, i) => {
    if (!day.startsWith(`${input.year}-`))
      throw badUserInput(`input.days[${i}].day`, 'DATE_OUTSIDE_YEAR', `must fall in ${input.year}`, {
        year: input.year,
      })
  })
  const unique = new Map(input.days.map(({ day, note }) => [day, { day, note: note?.trim() || null }]))
  // A day set off stops being a shortened day or a weekend day worked.
  await deleteCalendarDays(trx, [...unique.keys()])
  await replaceNonWorkingDays(trx, input.year, [...unique.values()])
  return [...unique.values()].sort((a, b) => a.day.localeCompare(b.day))
}
