import { badUserInput } from '@hub/platform/errors'
import { regionDay } from '@hub/platform/region-time'
import { isUuid } from './loaders.js'

/** Today's calendar date in the region (`HUB_TIME_ZONE`), 'YYYY-MM-DD' (dates are stored and compared as text). */
export function today() {
  return regionDay()
}

/**
 * The day `months` calendar months after `date`. As with a term counted in months (ГК РФ, ст. 192), a day the last
 * month lacks becomes that month's last day: born on 31 May, 2 years 9 months are reached on 28 February, and born on
 * 29 February, 3 years are reached on 28 February.
 */
export function addMonths(date: string, months: number) {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const index = month - 1 + months
  const targetYear = year + Math.floor(index / 12)
  const targetMonth = ((index % 12) + 12) % 12
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate()
  return new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay))).toISOString().slice(0, 10)
}

/** The day `days` calendar days after `date` (before it when negative). */
export function addDays(date: string, days: number) {
  const moved = new Date(`${date}T00:00:00Z`)
  moved.setUTCDate(moved.getUTCDate() + days)
  return moved.toISOString().slice(0, 10)
}

/** Whether a period [from, to] (to null: open-ended) contains the given day. */
export function inForce(from: string, to: string | null | undefined, day = today()) {
  return from <= day && (to === null || to === undefined || to >= day)
}

/** Whether two periods [from, to] (to null: open-ended) share a day. */
export function periodsOverlap(aFrom: string, aTo: string | null, bFrom: string, bTo: string | null) {
  return (bTo === null || aFrom <= bTo) && (aTo === null || bFrom <= aTo)
}

/** The first day a period may start on: the hub holds no record of early help from before it. */
export const EARLIEST_PERIOD_DAY = '2000-01-01'
/** How far past today a period may end: a plan a year ahead, not a calendar centuries long. */
export const PERIOD_MONTHS_AHEAD = 12
/** The longest period one request may ask for; a longer view is several requests (or a filed report's figures). */
export const MAX_PERIOD_YEARS = 5

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/** One end of a period asked for (`YYYY-MM-DD`, or the day of a timestamp): from `EARLIEST_PERIOD_DAY` to a year ahead. */
export function requirePeriodDay(field: string, day: string) {
  const latest = addMonths(today(), PERIOD_MONTHS_AHEAD)
  if (!ISO_DAY.test(day.slice(0, 10))) throw badUserInput(field, 'INVALID_DATE', 'must be a date YYYY-MM-DD')
  if (day.slice(0, 10) < EARLIEST_PERIOD_DAY)
    throw badUserInput(field, 'DATE_TOO_EARLY', `must not be before ${EARLIEST_PERIOD_DAY}`, {
      earliest: EARLIEST_PERIOD_DAY,
    })
  if (day.slice(0, 10) > latest) {
    throw badUserInput(
      field,
      'DATE_TOO_LATE',
      `must not be after ${latest} (${PERIOD_MONTHS_AHEAD} months from today)`,
      {
        latest,
      },
    )
  }
  return day
}

/**
 * A period argument [from, to], both days included, that one request may ask for: plausible days (from
 * `EARLIEST_PERIOD_DAY` to `PERIOD_MONTHS_AHEAD` months past today) and at most `MAX_PERIOD_YEARS` long. The work of
 * a statement over a period (a calendar of its days, figures per quarter) grows with it, so a period of centuries
 * would hold a database connection for minutes. `field` names the argument (`period`): a refusal names `period.to`.
 */
export function requirePeriod<P extends { from: string; to: string }>(field: string, period: P): P {
  requirePeriodDay(`${field}.from`, period.from)
  requirePeriodDay(`${field}.to`, period.to)
  if (period.from > period.to) throw badUserInput(`${field}.to`, 'PERIOD_REVERSED', `must not be before ${field}.from`)
  if (period.to >= addMonths(period.from, MAX_PERIOD_YEARS * 12)) {
    throw badUserInput(
      `${field}.to`,
      'PERIOD_TOO_LONG',
      `must be less than ${MAX_PERIOD_YEARS} years after ${field}.from`,
      {
        years: MAX_PERIOD_YEARS,
      },
    )
  }
  return period
}

/** An id argument that must name a record: a malformed one is the caller's error. */
export function requireUuid(field: string, value: string) {
  if (!isUuid(value)) throw badUserInput(field, 'UUID_FORMAT', 'must be an id (UUID)')
  return value
}

export function requireNotInFuture(field: string, date: string) {
  if (date > today()) {
    throw badUserInput(field, 'DATE_IN_FUTURE', `must not be in the future (today is ${today()})`, { today: today() })
  }
  return date
}

/** An end that may be open but may not precede its start. */
export function requireNotBefore(field: string, date: string | null | undefined, startField: string, start: string) {
  if (date !== null && date !== undefined && date < start) {
    throw badUserInput(field, 'DATE_BEFORE_START', `must not be before ${startField}`, { start })
  }
  return date ?? null
}

export function requireText(field: string, value: string, maxLength = 500) {
  const trimmed = value.trim()
  if (trimmed.length === 0) throw badUserInput(field, 'REQUIRED_TEXT', 'must not be empty')
  if (trimmed.length > maxLength)
    throw badUserInput(field, 'TEXT_TOO_LONG', `must be at most ${maxLength} characters`, { max: maxLength })
  return trimmed
}

// A number, not a place for a name: no spaces, and at least one digit, so that «Иванова» or «Мария Иванова» fail.
const PERSON_NUMBER = /^[\p{L}\p{N}\-/.№]{1,32}$/u

/**
 * The number an organisation gave a person it works with (a volunteer's registration number, an employee's personnel
 * number). It stands in for the person's name, which no database but social's holds.
 */
export function requirePersonNumber(field: string, value: string, what: string) {
  const trimmed = value.trim()
  if (!PERSON_NUMBER.test(trimmed) || !/\p{N}/u.test(trimmed)) {
    throw badUserInput(
      field,
      'PERSON_NUMBER',
      `must be ${what}: up to 32 letters, digits, - / . №, with a digit and no spaces`,
    )
  }
  return trimmed
}

const OKTMO = /^[0-9]{8}$/
// The catalogue's codes are capital snake case today; a region's own codes may also carry digits, '-' or '.'.
const SERVICE_CODE = /^[A-Za-z0-9_.-]{1,64}$/

/**
 * A municipality's ОКТМО code. Municipalities belong to social: a subgraph that only keeps the code checks its form,
 * not that social lists it.
 */
export function requireOktmo(field: string, value: string) {
  if (!OKTMO.test(value)) throw badUserInput(field, 'OKTMO_FORMAT', 'must be an ОКТМО code of 8 digits')
  return value
}

/** A code of the regional catalogue of services (social's): its form only, for the same reason. */
export function requireServiceCode(field: string, value: string) {
  if (!SERVICE_CODE.test(value)) {
    throw badUserInput(
      field,
      'SERVICE_CODE_FORMAT',
      'must be a service code of the regional catalogue: 1–64 Latin letters, digits, _ . -',
    )
  }
  return value
}

export function requireIntegerBetween(field: string, value: number, min: number, max: number) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badUserInput(field, 'NUMBER_RANGE', `must be a whole number from ${min} to ${max}`, { min, max })
  }
  return value
}

/**
 * A session either took place or was cancelled for a stated reason: the
 * reason is required when it did not, and must be absent when it did.
 */
export function requireCancellationReason<R>(attended: boolean, reason: R | null | undefined): R | null {
  if (!attended && (reason === null || reason === undefined)) {
    throw badUserInput(
      'input.cancellationReason',
      'CANCELLATION_REASON_REQUIRED',
      'is required when the session did not take place (attended: false)',
    )
  }
  if (attended && reason !== null && reason !== undefined) {
    throw badUserInput(
      'input.cancellationReason',
      'CANCELLATION_REASON_FORBIDDEN',
      'must be empty when the session took place (attended: true)',
    )
  }
  return reason ?? null
}
