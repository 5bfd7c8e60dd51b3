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

/** The last quarter that has ended by today: the one a report can be filed for, and the overview's default. */
export function lastEndedQuarter(today = new Date()): Quarter {
  const current = Math.floor(today.getMonth() / 3) + 1
  return current === 1
    ? { year: today.getFullYear() - 1, quarter: 4 }
    : { year: today.getFullYear(), quarter: current - 1 }
}

export const QUARTER_OPTIONS = [1, 2, 3, 4].map((q) => ({ value: String(q), label: `${q} квартал` }))

/** The years a user may choose: from the region's first monitoring year to this one. */
export function yearOptions(today = new Date()) {
  const years: { value: string; label: string }[] = []
  for (let year = today.getFullYear(); year >= 2020; year--) years.push({ value: String(year), label: String(year) })
  return years
}
