import type { Kysely } from 'kysely'
import { missingColumns, type FileProblem } from '@hub/subgraph-kit/reference/file'
import type { ReadEntries, ReferenceKind } from '@hub/subgraph-kit/reference/kinds'
import { addDays } from '@hub/subgraph-kit/validation'
import type { CalendarDayKind, DB } from '../../db/database.js'
import {
  deleteCalendarDays,
  insertNonWorkingDays,
  insertWorkingCalendarDays,
} from './queries/deadline_clock.queries.js'
import { isWeekend } from './services/clocks.js'

const YEAR = 'ГОД/МЕСЯЦ'
const MONTHS = [
  'ЯНВАРЬ',
  'ФЕВРАЛЬ',
  'МАРТ',
  'АПРЕЛЬ',
  'МАЙ',
  'ИЮНЬ',
  'ИЮЛЬ',
  'АВГУСТ',
  'СЕНТЯБРЬ',
  'ОКТЯБРЬ',
  'НОЯБРЬ',
  'ДЕКАБРЬ',
]
const WORKING_TOTAL = 'ВСЕГО РАБОЧИХ ДНЕЙ'

/** A day of a month's list: its number, then `*` for a shortened pre-holiday working day or `+` for a transferred day off. */
const LISTED_DAY = /^(\d{1,2})([*+]?)$/

/** The non-working holidays of ТК РФ ст. 112, by month and day. */
const HOLIDAYS: Readonly<Record<string, string>> = {
  '01-01': 'Новогодние каникулы',
  '01-02': 'Новогодние каникулы',
  '01-03': 'Новогодние каникулы',
  '01-04': 'Новогодние каникулы',
  '01-05': 'Новогодние каникулы',
  '01-06': 'Новогодние каникулы',
  '01-07': 'Рождество Христово',
  '01-08': 'Новогодние каникулы',
  '02-23': 'День защитника Отечества',
  '03-08': 'Международный женский день',
  '05-01': 'Праздник Весны и Труда',
  '05-09': 'День Победы',
  '06-12': 'День России',
  '11-04': 'День народного единства',
}

const SHORTENED = 'Предпраздничный день: рабочий день сокращён на один час'

function daysInMonth(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** A weekend day the list leaves out (a working day by a transfer), or one it marks shortened. */
function workingWeekendName(date: string, shortened: boolean) {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay() === 6 ? 'Рабочая суббота' : 'Рабочее воскресенье'
  return `${day}: выходной день перенесён${shortened ? ', рабочий день сокращён на один час' : ''}`
}

/**
 * One year's row: the days its months list, as entries for the days that are not ordinary (a weekday off, a shortened
 * day, a weekend day worked), and the number of working days the list leaves.
 */
function readYear(year: number, values: Readonly<Record<string, string>>, row: number) {
  const problems: FileProblem[] = []
  const listed = new Map<string, string>()
  MONTHS.forEach((column, index) => {
    const month = index + 1
    for (const item of (values[column] ?? '').split(',').map((value) => value.trim())) {
      if (item === '') continue
      const match = LISTED_DAY.exec(item)
      const day = match ? Number(match[1]) : 0
      if (!match || day < 1 || day > daysInMonth(year, month)) {
        problems.push({ row, column, rule: 'CALENDAR_DAY', params: { value: item } })
        continue
      }
      listed.set(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, match[2]!)
    }
  })
  const entries: ReadEntries['entries'] = []
  let working = 0
  const entry = (code: string, name: string, type: CalendarDayKind) =>
    entries.push({ row, code, name, parentCode: null, active: true, attributes: { type } })
  for (let date = `${year}-01-01`; date.startsWith(`${year}-`); date = addDays(date, 1)) {
    const marker = listed.get(date)
    const weekend = isWeekend(date)
    if (marker === undefined || marker === '*') working += 1
    if (weekend && marker !== undefined && marker !== '*') continue
    if (weekend) entry(date, workingWeekendName(date, marker === '*'), 'WORKING_WEEKEND')
    else if (marker === '*') entry(date, SHORTENED, 'SHORTENED')
    else if (marker !== undefined) {
      const name = HOLIDAYS[date.slice(5)] ?? (marker === '+' ? 'Перенесённый выходной день' : 'Нерабочий день')
      entry(date, name, 'NON_WORKING')
    }
  }
  return { entries, problems, working }
}

/**
 * The production calendar as the open-data portal publishes it (data.gov.ru, dataset 7708660670-proizvcalendar): a row
 * per year, «Год/Месяц», then a column per month listing its days off, weekends included, as «1,2,3,4,5,6,7,8,10,11»,
 * where `*` marks a shortened pre-holiday working day and `+` a transferred day off, then the year's totals. An entry is
 * a day that is not an ordinary weekday or weekend day, its code the date: a weekday off (NON_WORKING), a shortened
 * working day (SHORTENED), a Saturday or Sunday the list leaves out (WORKING_WEEKEND: a transfer made it a working
 * day). A year the file does not hold stays as it is.
 */
export const CALENDAR_KIND: ReferenceKind = {
  code: 'calendar',
  name: 'Производственный календарь',
  title: 'Производственный календарь: нерабочие и сокращённые дни, переносы выходных дней',
  source:
    'Портал открытых данных (data.gov.ru), набор 7708660670-proizvcalendar «Производственный календарь», CSV или JSON',
  formats: ['CSV', 'JSON'],
  attributeLabels: { type: 'вид дня' },
  read: (table) => {
    const missing = missingColumns(table, [YEAR, ...MONTHS])
    if (missing.length > 0) return { entries: [], problems: missing }
    const result: ReadEntries = { entries: [], problems: [] }
    const seen = new Map<number, number>()
    for (const { row, values } of table.rows) {
      const text = values[YEAR] ?? ''
      const year = Number(text)
      if (!/^\d{4}$/.test(text) || year < 2000 || year > 2100) {
        result.problems.push({ row, column: YEAR, rule: 'CALENDAR_YEAR' })
        continue
      }
      const earlier = seen.get(year)
      if (earlier !== undefined) {
        result.problems.push({ row, column: YEAR, rule: 'REFERENCE_DUPLICATE', params: { code: text, row: earlier } })
        continue
      }
      seen.set(year, row)
      const { entries, problems, working } = readYear(year, values, row)
      const stated = values[WORKING_TOTAL] ?? ''
      if (problems.length === 0 && stated !== '' && Number(stated) !== working) {
        problems.push({
          row,
          column: WORKING_TOTAL,
          rule: 'CALENDAR_WORKING_DAYS',
          params: { stated, counted: working },
        })
      }
      result.entries.push(...entries)
      result.problems.push(...problems)
    }
    return result
  },
  scope: (code) => code.slice(0, 4),
  // Each changed day leaves the calendar's tables and comes back as the file now states it: a day the file does not
  // change, and a day set by hand (`setNonWorkingDays`) that the dictionary never held, stay as they are.
  apply: async (trx, changes) => {
    const db = trx as unknown as Kysely<DB>
    await deleteCalendarDays(
      db,
      changes.map((change) => change.code),
    )
    const now = changes.filter((change) => change.after.active).map((change) => change.after)
    const ofType = (type: CalendarDayKind) => now.filter((entry) => entry.attributes?.type === type)
    await insertNonWorkingDays(
      db,
      ofType('NON_WORKING').map((entry) => ({ day: entry.code, note: entry.name })),
    )
    await insertWorkingCalendarDays(db, [
      ...ofType('SHORTENED').map((entry) => ({ day: entry.code, kind: 'SHORTENED' as const, note: entry.name })),
      ...ofType('WORKING_WEEKEND').map((entry) => ({
        day: entry.code,
        kind: 'WORKING_WEEKEND' as const,
        note: entry.name,
      })),
    ])
  },
}
