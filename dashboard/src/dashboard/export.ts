import { toCsv } from '@hub/platform/csv'
import { regionDay } from '@hub/platform/region-time'
import writeXlsxFile from 'write-excel-file/browser'
import { formatDate } from './labels'

/**
 * One column of a list as the screen shows it and its downloads write it: the Russian heading and the cell of a row.
 * A cell of a `day` column is a day of the API (YYYY-MM-DD): written дд.мм.гггг, and a date cell in XLSX, so that a
 * spreadsheet sorts it as a date.
 */
export interface Column<R> {
  heading: string
  value: (row: R) => string | number | null
  day?: boolean
}

/** The most rows one download may hold; a longer list is refused, and the person narrows it with its filters. */
export const EXPORT_LIMIT = 10_000

/** A download's file name: the list's Russian title without punctuation, and the region's today (YYYY-MM-DD). */
export function exportName(title: string) {
  return `${title
    .replace(/[^\p{L}\p{N} ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()} ${regionDay()}`
}

/**
 * A cell as the screen shows it and the CSV writes it: a day as дд.мм.гггг, a number with a decimal comma, no value
 * as «—» (an empty cell in XLSX).
 */
export function cellText<R>(column: Column<R>, row: R) {
  const value = column.value(row)
  if (value === null) return '—'
  if (column.day) return formatDate(String(value))
  return typeof value === 'number' ? String(value).replace('.', ',') : value
}

/** A list's CSV, written as the filed reports' is (toCsv): its headings, and its cells as the screen shows them. */
function csvOf<R>(columns: readonly Column<R>[], rows: readonly R[]) {
  return toCsv([columns.map((column) => column.heading), ...rows.map((row) => columns.map((c) => cellText(c, row)))])
}

/** The sheet of an XLSX download: bold headings kept in view, numbers as numbers, days as dates. */
function sheetOf<R>(columns: readonly Column<R>[], rows: readonly R[]) {
  const cell = (column: Column<R>, row: R) => {
    const value = column.value(row)
    if (value === null) return null
    if (column.day) {
      const [year, month, day] = String(value).slice(0, 10).split('-').map(Number)
      return { value: new Date(Date.UTC(year!, month! - 1, day!)), type: Date, format: 'dd.mm.yyyy' }
    }
    return { value }
  }
  return [
    columns.map((column) => ({ value: column.heading, fontWeight: 'bold' as const })),
    ...rows.map((row) => columns.map((column) => cell(column, row))),
  ]
}

export function save(blob: Blob, name: string) {
  const link = document.createElement('a')
  link.href = URL.createObjectURL(blob)
  link.download = name
  link.click()
  URL.revokeObjectURL(link.href)
}

/** What one download writes: the list's title (the file's name and the sheet's), its columns and its rows. */
export interface ListExport<R> {
  title: string
  columns: readonly Column<R>[]
  rows: readonly R[]
}

export function saveCsv<R>({ title, columns, rows }: ListExport<R>) {
  save(new Blob([csvOf(columns, rows)], { type: 'text/csv;charset=utf-8' }), `${exportName(title)}.csv`)
}

export async function saveXlsx<R>({ title, columns, rows }: ListExport<R>) {
  // A sheet's name holds at most 31 characters and none of []:*?/\.
  const sheet = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .slice(0, 31)
    .trim()
  const blob = await writeXlsxFile(sheetOf(columns, rows), { sheet, stickyRowsCount: 1 }).toBlob()
  save(blob, `${exportName(title)}.xlsx`)
}
