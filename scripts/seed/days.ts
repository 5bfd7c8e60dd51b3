import { regionDay } from '@hub/platform/region-time'
import { loadTimeZone, timeZoneVariable } from '@hub/platform/region-time-config'

/**
 * Days of the synthetic region as whole numbers (days since 1970-01-01, UTC), and the reference date ("today") every
 * date of the region is computed against.
 */

/**
 * The reference date of runs that must give the same region whatever the day they run on: the tests and the
 * benchmark. `npm run seed` and `npm start` take today's date in the region instead (`regionToday`).
 */
export const FIXED_REFERENCE_DATE = '2026-11-01'

export const DAY_MS = 86_400_000

export const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS

/** Today's date (YYYY-MM-DD) in the region's time zone, `HUB_TIME_ZONE` as the services read it (Moscow's by default). */
export function regionToday(env: NodeJS.ProcessEnv = process.env) {
  const zone = loadTimeZone({ [timeZoneVariable.name]: env[timeZoneVariable.name] ?? timeZoneVariable.default })
  return regionDay(new Date(), zone)
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The day of a reference date given as YYYY-MM-DD; a malformed or impossible date is refused, naming `field`. */
export function referenceDayOf(iso: string, field = 'today') {
  const day = dayOf(iso)
  if (!ISO_DATE.test(iso) || !Number.isInteger(day) || isoOf(day) !== iso) {
    throw new RangeError(`${field}: must be a date written YYYY-MM-DD, got "${iso}"`)
  }
  return day
}

/** The first day of the quarter before the one `day` falls in. */
export function previousQuarterStart(day: number) {
  const date = new Date(day * DAY_MS)
  const quarterMonth = date.getUTCMonth() - (date.getUTCMonth() % 3)
  return Date.UTC(date.getUTCFullYear(), quarterMonth - 3, 1) / DAY_MS
}

// Cached: a few thousand distinct days are formatted millions of times.
const isoDays = new Map<number, string>()

export function isoOf(day: number) {
  let iso = isoDays.get(day)
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10)
    isoDays.set(day, iso)
  }
  return iso
}

export const yearOf = (day: number) => new Date(day * DAY_MS).getUTCFullYear()

export const russianDate = (day: number) => isoOf(day).split('-').reverse().join('.')

export function addYears(day: number, years: number) {
  const date = new Date(day * DAY_MS)
  return Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate()) / DAY_MS
}
