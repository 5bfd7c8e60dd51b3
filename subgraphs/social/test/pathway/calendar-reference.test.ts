import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileTable, type FileTable } from '@hub/subgraph-kit/reference/file'
import { findReferenceVersionOn } from '@hub/subgraph-kit/reference/reference.queries'
import { referenceView } from '@hub/subgraph-kit/reference/tables'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, snapshot } from '@hub/testing/writes'
import type { DB } from '../../src/db/database.js'
import { CALENDAR_KIND } from '../../src/modules/pathway/calendar-kind.js'
import { loadCalendar } from '../../src/modules/pathway/loaders.js'
import { dueDate, type ClockSetting } from '../../src/modules/pathway/services/clocks.js'
import { socialSubgraph } from '../support/subgraph.js'

const SAMPLE = readFileSync(new URL('../../../../samples/reference/calendar-sample.csv', import.meta.url), 'utf8')
const [HEADER, YEAR_2026, YEAR_2027] = SAMPLE.trim().split('\n') as [string, string, string]
const base64 = (text: string) => Buffer.from(text).toString('base64')
const table = (text: string) => readFileTable(Buffer.from(text)) as FileTable

const IMPORT = /* GraphQL */ `
  mutation ($input: ReferenceImportInput!) {
    importSocialReference(input: $input) {
      applied
      added
      changed
      retired
      unchanged
      errorCount
      changes {
        type
        code
        text
      }
    }
  }
`
const CALENDAR = /* GraphQL */ `
  query ($year: Int!) {
    productionCalendar(year: $year) {
      day
      kind
      note
    }
  }
`
const SET_DAYS_OFF = 'mutation ($input: SetNonWorkingDaysInput!) { setNonWorkingDays(input: $input) { day } }'

interface Report {
  applied: boolean
  added: number
  changed: number
  retired: number
  unchanged: number
  errorCount: number
  changes: { type: string; code: string; text: string }[]
}

const SEVEN_WORKING: ClockSetting = { code: 'REFERRAL_TO_NEED_DETERMINATION', days: 7, dayKind: 'WORKING' }

describe('the production calendar read from the data.gov.ru file', () => {
  const { entries, problems } = CALENDAR_KIND.read(table(SAMPLE))
  const entry = (code: string) => entries.find((found) => found.code === code)

  it('keeps the days that are not ordinary: weekdays off, shortened days and weekend days worked', () => {
    expect(problems).toEqual([])
    const count = (year: string, type: string) =>
      entries.filter((found) => found.code.startsWith(year) && found.attributes?.type === type).length
    expect([count('2026', 'NON_WORKING'), count('2026', 'SHORTENED'), count('2026', 'WORKING_WEEKEND')]).toEqual([
      14, 4, 0,
    ])
    expect([count('2027', 'NON_WORKING'), count('2027', 'SHORTENED'), count('2027', 'WORKING_WEEKEND')]).toEqual([
      13, 5, 1,
    ])
    expect(entry('2026-01-07')).toMatchObject({
      row: 2,
      name: 'Рождество Христово',
      attributes: { type: 'NON_WORKING' },
    })
    expect(entry('2026-01-09')).toMatchObject({
      name: 'Перенесённый выходной день',
      attributes: { type: 'NON_WORKING' },
    })
    expect(entry('2026-04-30')).toMatchObject({ attributes: { type: 'SHORTENED' } })
    expect(entry('2027-11-13')).toMatchObject({
      row: 3,
      name: 'Рабочая суббота: выходной день перенесён',
      attributes: { type: 'WORKING_WEEKEND' },
    })
    // A holiday on a weekend is an ordinary day off: 3 January 2026 is a Saturday.
    expect(entry('2026-01-03')).toBeUndefined()
    expect(CALENDAR_KIND.scope!('2027-11-13')).toBe('2027')
  })

  it('reports a wrong year, a day the month lacks, a repeated year and totals that do not add up', () => {
    const broken = [
      HEADER,
      YEAR_2026.replace(/^2026/, '26'),
      YEAR_2027.replace('"3*,4,5+,', '"3*,4,5-,').replace('"4,5,11,12,18,19,25,26,31*"', '"4,5,11,12,32"'),
      YEAR_2026.replace(',247,', ',248,'),
      YEAR_2026,
    ].join('\n')
    expect(CALENDAR_KIND.read(table(broken)).problems).toEqual([
      { row: 2, column: 'ГОД/МЕСЯЦ', rule: 'CALENDAR_YEAR' },
      { row: 3, column: 'НОЯБРЬ', rule: 'CALENDAR_DAY', params: { value: '5-' } },
      { row: 3, column: 'ДЕКАБРЬ', rule: 'CALENDAR_DAY', params: { value: '32' } },
      { row: 4, column: 'ВСЕГО РАБОЧИХ ДНЕЙ', rule: 'CALENDAR_WORKING_DAYS', params: { stated: '248', counted: 247 } },
      { row: 5, column: 'ГОД/МЕСЯЦ', rule: 'REFERENCE_DUPLICATE', params: { code: '2026', row: 4 } },
    ])
    expect(CALENDAR_KIND.read(table('Год/Месяц;Январь\n2026;1,2')).problems).toContainEqual(
      expect.objectContaining({ row: 1, column: 'ДЕКАБРЬ', rule: 'REFERENCE_COLUMN_MISSING' }),
    )
  })
})

describe.each(backends)('the production calendar imported into social (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  const administrator = viewers.administrator('social')

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
  })
  afterAll(() => social?.stop())

  async function report(text: string, apply: boolean, validFrom?: string): Promise<Report> {
    const response = await social.query<{ importSocialReference: Report }>(
      IMPORT,
      { input: { kind: 'calendar', fileName: 'calendar.csv', content: base64(text), apply, validFrom } },
      administrator,
    )
    expect(response.errors).toBeUndefined()
    return response.data!.importSocialReference
  }
  const calendarOf = async (year: number) => {
    const response = await social.query<{ productionCalendar: { day: string; kind: string; note: string }[] }>(
      CALENDAR,
      { year },
      administrator,
    )
    expect(response.errors).toBeUndefined()
    return response.data!.productionCalendar
  }
  const tables = async () => ({
    off: await social.db.selectFrom('non_working_day').selectAll().orderBy('day').execute(),
    working: await social.db.selectFrom('working_calendar_day').selectAll().orderBy('day').execute(),
  })

  it('checks the file in a dry run without writing anything', async () => {
    const before = await snapshot(social.db)
    expect(await report(SAMPLE, false)).toMatchObject({ applied: false, added: 37, errorCount: 0 })
    expect(await snapshot(social.db)).toEqual(before)
  })

  it('writes the days into the calendar the deadline clocks count, and a second run changes nothing', async () => {
    const before = await calendarOf(2027)
    // The working-day clock over the November 2027 holidays without the calendar: 4 and 5 November count.
    expect(dueDate('2027-11-03', SEVEN_WORKING, [], await loadCalendar(social.db), '2027-11-03')).toBe('2027-11-12')
    expect(before).toEqual([])

    expect(await report(SAMPLE, true)).toMatchObject({ applied: true, added: 37, changed: 0, retired: 0 })
    const { off, working } = await tables()
    expect(off).toHaveLength(27)
    expect(working).toHaveLength(10)
    const year2027 = await calendarOf(2027)
    expect(year2027.filter((day) => day.day.startsWith('2027-11'))).toEqual([
      { day: '2027-11-03', kind: 'SHORTENED', note: 'Предпраздничный день: рабочий день сокращён на один час' },
      { day: '2027-11-04', kind: 'NON_WORKING', note: 'День народного единства' },
      { day: '2027-11-05', kind: 'NON_WORKING', note: 'Перенесённый выходной день' },
      { day: '2027-11-13', kind: 'WORKING_WEEKEND', note: 'Рабочая суббота: выходной день перенесён' },
    ])
    // From Wednesday 3 November: the holiday (Thursday) and the transferred day off (Friday) do not count, the
    // working Saturday 13 November does: the seventh working day is Monday 15 November, not Tuesday 16.
    expect(dueDate('2027-11-03', SEVEN_WORKING, [], await loadCalendar(social.db), '2027-11-03')).toBe('2027-11-15')

    const unchanged = await snapshot(social.db)
    expect(await report(SAMPLE, true)).toMatchObject({ added: 0, changed: 0, retired: 0, unchanged: 37 })
    const after = await snapshot(social.db)
    // Only the history of imports grows.
    expect({ ...after, reference_import: [] }).toEqual({ ...unchanged, reference_import: [] })
  })

  it('changes only the year a file holds, and keeps what was in force on each day', async () => {
    const before2026 = await calendarOf(2026)
    const tomorrow = daysFromToday(1)
    // A later decree for 2027: 13 November is a day off again and 5 November a working day.
    const revised = YEAR_2027.replace('"3*,4,5+,6,7,14,', '"3*,4,6,7,13,14,')
    const applied = await report([HEADER, revised].join('\n'), true, tomorrow)
    expect(applied).toMatchObject({ added: 0, changed: 0, retired: 2, unchanged: 17 })
    expect(applied.changes.map((change) => change.code)).toEqual(['2027-11-05', '2027-11-13'])
    expect(await calendarOf(2026)).toEqual(before2026)
    expect((await calendarOf(2027)).filter((day) => day.day.startsWith('2027-11'))).toEqual([
      { day: '2027-11-03', kind: 'SHORTENED', note: 'Предпраздничный день: рабочий день сокращён на один час' },
      { day: '2027-11-04', kind: 'NON_WORKING', note: 'День народного единства' },
    ])
    expect(dueDate('2027-11-03', SEVEN_WORKING, [], await loadCalendar(social.db), '2027-11-03')).toBe('2027-11-15')

    const db = referenceView(social.db)
    expect(await findReferenceVersionOn(db, 'calendar', '2027-11-13', daysFromToday(0))).toMatchObject({
      name: 'Рабочая суббота: выходной день перенесён',
    })
    expect(await findReferenceVersionOn(db, 'calendar', '2027-11-13', tomorrow)).toBeUndefined()
  })

  it('leaves a later edit by hand of the non-working days standing until an import changes the same day', async () => {
    const response = await social.query(SET_DAYS_OFF, {
      input: { year: 2027, days: [{ day: '2027-12-31', note: 'Нерабочий день по решению региона' }] },
    })
    expect(response.errors).toBeUndefined()
    const edited = await calendarOf(2027)
    expect(edited.filter((day) => day.kind === 'NON_WORKING')).toEqual([
      { day: '2027-12-31', kind: 'NON_WORKING', note: 'Нерабочий день по решению региона' },
    ])
    // A day set off is no longer a shortened one; the other shortened days are not the mutation's to replace.
    expect(edited.filter((day) => day.kind === 'SHORTENED').map((day) => day.day)).toEqual([
      '2027-02-22',
      '2027-04-30',
      '2027-06-11',
      '2027-11-03',
    ])
  })
})
