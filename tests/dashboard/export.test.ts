import readXlsxFile from 'read-excel-file/node'
import writeXlsxFile from 'write-excel-file/node'
import { describe, expect, it } from 'vitest'
import { csvOf, exportName, sheetOf, type Column } from '../../dashboard/src/dashboard/export.js'

interface Row {
  name: string
  born: string | null
  count: number
  share: number | null
}

const COLUMNS: readonly Column<Row>[] = [
  { heading: 'ФИО', value: (row) => row.name },
  { heading: 'Дата рождения', value: (row) => row.born, day: true },
  { heading: 'Детей', value: (row) => row.count },
  { heading: 'Доля, %', value: (row) => row.share },
]

const ROWS: Row[] = [
  { name: 'Иванов Иван', born: '2025-03-12', count: 3, share: 12.5 },
  { name: 'Петрова; Анна', born: null, count: 0, share: null },
  { name: 'ООО «Ромашка» "Мир"', born: '2024-12-31', count: 10, share: 0 },
  { name: 'Две\nстроки', born: '2025-01-01', count: 1, share: 100 },
]

describe('the CSV and XLSX of a list', () => {
  it('writes UTF-8 with a byte-order mark, CRLF lines and fields joined by ";"', () => {
    const bytes = Buffer.from(csvOf(COLUMNS, ROWS.slice(0, 1)), 'utf8')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.subarray(3).toString('utf8')).toBe(
      'ФИО;Дата рождения;Детей;Доля, %\r\nИванов Иван;12.03.2025;3;12,5\r\n',
    )
  })

  it('quotes a field holding a separator, a quote or a line break and doubles its quotes, and no other', () => {
    const lines = csvOf(COLUMNS, ROWS).slice(1).split('\r\n')
    expect(lines[2]).toBe('"Петрова; Анна";—;0;—')
    expect(lines[3]).toBe('"ООО «Ромашка» ""Мир""";31.12.2024;10;0')
    expect(lines[4]).toBe('"Две\nстроки";01.01.2025;1;100')
    expect(lines[5]).toBe('')
    expect(lines).toHaveLength(6)
  })

  it('writes a list without rows as its headings alone', () => {
    expect(csvOf(COLUMNS, [])).toBe('\uFEFFФИО;Дата рождения;Детей;Доля, %\r\n')
  })

  it('gives the sheet bold headings, numbers as numbers, days as dates and no value as an empty cell', async () => {
    const sheet = sheetOf(COLUMNS, ROWS)
    expect(sheet[0]![0]).toEqual({ value: 'ФИО', fontWeight: 'bold' })
    const rows = await readXlsxFile(await writeXlsxFile(sheet).toBuffer())
    const table = Array.isArray(rows[0]) ? rows : (rows as unknown as { data: unknown[][] }[])[0]!.data
    expect(table[0]).toEqual(['ФИО', 'Дата рождения', 'Детей', 'Доля, %'])
    expect(table[1]).toEqual(['Иванов Иван', new Date(Date.UTC(2025, 2, 12)), 3, 12.5])
    expect(table[2]).toEqual(['Петрова; Анна', null, 0, null])
    expect(table[4]).toEqual(['Две\nстроки', new Date(Date.UTC(2025, 0, 1)), 1, 100])
  })

  it('names a file by the list’s title without punctuation and the region’s today', () => {
    expect(exportName('Направления: срок подходит или истёк')).toMatch(
      /^Направления срок подходит или истёк \d{4}-\d{2}-\d{2}$/,
    )
    expect(exportName('Дети в показателе Центральный: нуждаются (ИПРП)')).toMatch(
      /^Дети в показателе Центральный нуждаются ИПРП \d{4}-\d{2}-\d{2}$/,
    )
  })
})
