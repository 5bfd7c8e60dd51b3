import { readFileSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import writeXlsxFile, { type SheetData } from 'write-excel-file/node'
import { regionDay } from '@hub/platform/region-time'
import { parseCsv } from '../dashboard/src/shared/tabular-file.js'

/**
 * `npx tsx scripts/registry-sample.ts`: writes `samples/registry/registry-sample.xlsx` from the CSV sample beside it,
 * as a spreadsheet keeps the same rows: bold headings, the birth dates written ДД.ММ.ГГГГ as date cells, a СНИЛС written
 * as bare digits as a number; every other cell as text, as written. Edit the CSV, then run it.
 */

/** The region's day the sample's dates were written for: all in the past on it, its children under three but one. */
export const SAMPLE_DAY = '2026-12-07'

const SAMPLE_CSV = new URL('../samples/registry/registry-sample.csv', import.meta.url)
const SAMPLE_XLSX = new URL('../samples/registry/registry-sample.xlsx', import.meta.url)

/**
 * Whole years from the sample's day to `today`: every date of the sample moved on by them keeps the sample's children
 * at the ages it was written for (within a year), so that tests stay true as the calendar moves.
 */
export function yearsSinceSample(today = regionDay()) {
  const years = Number(today.slice(0, 4)) - Number(SAMPLE_DAY.slice(0, 4))
  return today.slice(5) < SAMPLE_DAY.slice(5) ? years - 1 : years
}

const RUSSIAN_DAY = /^(\d{2})\.(\d{2})\.(\d{4})$/
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

function movedOn(value: string, years: number) {
  if (RUSSIAN_DAY.test(value)) return value.replace(RUSSIAN_DAY, (_, d, m, y) => `${d}.${m}.${Number(y) + years}`)
  if (ISO_DAY.test(value)) return value.replace(ISO_DAY, (_, y, m, d) => `${Number(y) + years}-${m}-${d}`)
  return value
}

/** The CSV sample's records, headings first, every date in it moved `years` years on. */
export function registrySampleRows(years = 0) {
  const text = readFileSync(SAMPLE_CSV, 'utf8').replace(/^\uFEFF/, '')
  return parseCsv(text)
    .filter((record) => record.some((value) => value !== ''))
    .map((record) => record.map((value) => movedOn(value, years)))
}

/** A day written ДД.ММ.ГГГГ that the calendar has, as a date cell's value; otherwise null. */
function dateOf(value: string) {
  const match = RUSSIAN_DAY.exec(value)
  if (!match) return null
  const date = new Date(Date.UTC(Number(match[3]), Number(match[2]) - 1, Number(match[1])))
  return date.getUTCDate() === Number(match[1]) ? date : null
}

/** The XLSX sample, every date moved `years` years on. */
export function registrySampleXlsx(years = 0): Promise<Buffer> {
  const [headings = [], ...rows] = registrySampleRows(years)
  const birthDate = headings.indexOf('Дата рождения')
  const snils = headings.indexOf('СНИЛС')
  const data: SheetData = [
    headings.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...rows.map((row) =>
      row.map((value, column) => {
        if (value === '') return null
        const date = column === birthDate ? dateOf(value) : null
        if (date) return { value: date, type: Date, format: 'dd.mm.yyyy' }
        if (column === snils && /^\d+$/.test(value)) return { value: Number(value), type: Number }
        return { value, type: String }
      }),
    ),
  ]
  return writeXlsxFile(data).toBuffer()
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(SAMPLE_XLSX, await registrySampleXlsx())
  console.log(`wrote ${SAMPLE_XLSX.pathname}`)
}
