import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  customMapping,
  defaultMapping,
  errorReportCsv,
  mapRows,
  REGISTRY_FIELDS,
} from '../../dashboard/src/shared/registry-import.js'
import { registrySampleXlsx } from '../../scripts/registry-sample.js'
import { csvEncoding, parseCsv, readTabularFile, sha256Hex } from '../../dashboard/src/shared/tabular-file.js'

const SAMPLES = new URL('../../samples/registry/', import.meta.url)

function bytesOf(data: Uint8Array | string): ArrayBuffer {
  const view = typeof data === 'string' ? new TextEncoder().encode(data) : data
  return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer
}

const sample = (name: string) => bytesOf(readFileSync(new URL(name, SAMPLES)))

/** Text in windows-1251, as a spreadsheet set to Russian on Windows saves CSV: Cyrillic letters in 0xC0–0xFF. */
function windows1251(text: string) {
  return Uint8Array.from(text, (char) => {
    if (char === 'Ё') return 0xa8
    if (char === 'ё') return 0xb8
    const code = char.charCodeAt(0)
    return code >= 0x410 && code <= 0x44f ? code - 0x410 + 0xc0 : code
  })
}

describe('a registry file read into the hub’s fields', () => {
  it('reads the XLSX and the CSV sample into the same rows, every template heading mapped by default', async () => {
    const xlsx = await readTabularFile('registry-sample.xlsx', sample('registry-sample.xlsx'))
    const csv = await readTabularFile('registry-sample.csv', sample('registry-sample.csv'))
    expect(csv.headings).toEqual(xlsx.headings)
    const mapping = defaultMapping(csv.headings)
    expect(Object.keys(mapping).sort()).toEqual([...REGISTRY_FIELDS].sort())

    const fromXlsx = mapRows(xlsx, mapping)
    const fromCsv = mapRows(csv, mapping)
    expect(fromXlsx.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
    // The XLSX keeps birth dates as date cells (read as YYYY-MM-DD) and one СНИЛС as a number; the rest is the same.
    expect(fromXlsx[0]!.cells).toEqual({ ...fromCsv[0]!.cells, birthDate: '2025-03-14' })
    expect(fromXlsx[1]!.cells.snils).toBe('19876543146')
    expect(fromXlsx[3]!.cells.birthDate).toBe('31.02.2026')
    expect(fromCsv[0]!.cells).toMatchObject({
      childLastName: 'Соколова',
      snils: '198-765-431 46',
      address: 'г. Светлогорск, ул. Лесная, д. 4, кв. 12',
      representation: 'Мать',
      referralProvider: '1129801103838',
      referralAcceptedOn: '05.10.2026',
      programmeGoal: 'd310',
      programmeSessions: '4',
    })
    expect(fromCsv[2]!.cells).toMatchObject({ referralProvider: '9801113115', referralReceivedOn: '25.11.2026' })
    expect(fromCsv[2]!.cells.programmeSignedOn).toBeUndefined()
  })

  it('keeps the committed XLSX sample what scripts/registry-sample.ts writes from the CSV', async () => {
    const written = await registrySampleXlsx()
    const fresh = await readTabularFile('registry-sample.xlsx', bytesOf(new Uint8Array(written)))
    expect(await readTabularFile('registry-sample.xlsx', sample('registry-sample.xlsx'))).toEqual(fresh)
  })

  it('detects windows-1251 and a comma between fields, keeps quoted separators, quotes and line breaks', async () => {
    const text = 'Фамилия ребёнка,Имя ребёнка,Адрес семьи\r\nЁлкина,Анна,"ул. Лесная, д. 1 ""А""\nкв. 2"\r\n,,\r\n'
    const bytes = windows1251(text)
    expect(csvEncoding(bytes)).toBe('windows-1251')
    const file = await readTabularFile('реестр.CSV', bytesOf(bytes))
    expect(file.headings).toEqual(['Фамилия ребёнка', 'Имя ребёнка', 'Адрес семьи'])
    expect(file.rows).toEqual([{ line: 2, values: ['Ёлкина', 'Анна', 'ул. Лесная, д. 1 "А"\nкв. 2'] }])
    expect(csvEncoding(new TextEncoder().encode(text))).toBe('utf-8')
    expect(parseCsv('a;b\n1;"x;y"')).toEqual([
      ['a', 'b'],
      ['1', 'x;y'],
    ])
  })

  it('restores the leading zeros a spreadsheet drops from a СНИЛС and an ОКТМО code stored as numbers', () => {
    const rows = mapRows(
      { headings: ['СНИЛС', 'ОКТМО'], rows: [{ line: 2, values: ['1234567890', '1701000'] }] },
      { snils: 'СНИЛС', municipality: 'ОКТМО' },
    )
    expect(rows[0]!.cells).toEqual({ snils: '01234567890', municipality: '01701000' })
  })

  it('takes a mapping of the file’s own headings, refusing an unknown field or a heading the file lacks', () => {
    const headings = ['Фамилия', 'Имя', 'ДР', 'Пол']
    const mapping = customMapping(headings, { childLastName: 'Фамилия', childFirstName: 'Имя', birthDate: 'ДР' })
    expect(mapping).toEqual({ childLastName: 'Фамилия', childFirstName: 'Имя', birthDate: 'ДР', sex: 'Пол' })
    expect(() => customMapping(headings, { surname: 'Фамилия' })).toThrow(/surname: no such field/)
    expect(() => customMapping(headings, { snils: 'СНИЛС' })).toThrow(/no column «СНИЛС»/)
  })

  it('writes the error report by the file’s own column headings, for a spreadsheet set to Russian', () => {
    const report = errorReportCsv(
      [
        {
          line: 5,
          outcome: 'REFUSED',
          childId: null,
          errors: [
            { column: 'birthDate', rule: 'IMPORT_DATE', message: 'Укажите дату; например 01.02.2026' },
            { column: null, rule: 'INTERNAL', message: 'Ошибка' },
          ],
        },
      ],
      { birthDate: 'ДР' },
    )
    expect(report).toBe(
      '\uFEFFСтрока;Столбец;Правило;Ошибка\r\n5;ДР;IMPORT_DATE;"Укажите дату; например 01.02.2026"\r\n5;;INTERNAL;Ошибка\r\n',
    )
  })

  it('names a file by the SHA-256 of its bytes', async () => {
    expect(await sha256Hex(bytesOf('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
