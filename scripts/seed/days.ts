/**
 * Days of the synthetic region as whole numbers (days since 1970-01-01, UTC), and the fixed "today" every date of the
 * region is computed against.
 */

/** "Today" for the synthetic region: ages, dates and statuses are computed against it, never against the clock. */
export const REFERENCE_DATE = '2026-11-01'

export const DAY_MS = 86_400_000

export const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS

export const REFERENCE_DAY = dayOf(REFERENCE_DATE)

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
