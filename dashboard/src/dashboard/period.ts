import { regionDay } from '@hub/platform/region-time'

/** Quarters and periods as the monitoring counts them: calendar quarters, both ends included. */
export interface Quarter {
  year: number
  quarter: number
}

const pad = (n: number) => String(n).padStart(2, '0')

export function quarterPeriod({ year, quarter }: Quarter) {
  const lastMonth = quarter * 3
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate()
  return { from: `${year}-${pad(lastMonth - 2)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` }
}

/** The region's today's year and month (1–12). */
function yearAndMonth(today: string) {
  const [year, month] = today.split('-').map(Number) as [number, number]
  return { year, month }
}

/** The last quarter that has ended by the region's today: the one a report can be filed for, and the overview's default. */
export function lastEndedQuarter(today = regionDay()): Quarter {
  const { year, month } = yearAndMonth(today)
  const current = Math.floor((month - 1) / 3) + 1
  return current === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: current - 1 }
}

export const QUARTER_OPTIONS = [1, 2, 3, 4].map((q) => ({ value: String(q), label: `${q} квартал` }))

/** The years a user may choose: from the region's first monitoring year to this one. */
export function yearOptions(today = regionDay()) {
  const years: { value: string; label: string }[] = []
  for (let year = yearAndMonth(today).year; year >= 2020; year--)
    years.push({ value: String(year), label: String(year) })
  return years
}
