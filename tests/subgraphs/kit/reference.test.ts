import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffDictionary } from '@hub/subgraph-kit/reference/diff'
import { readFileTable, type FileTable } from '@hub/subgraph-kit/reference/file'
import { importReference } from '@hub/subgraph-kit/reference/import'
import { readCodedRows, type ReferenceEntry, type ReferenceKind } from '@hub/subgraph-kit/reference/kinds'
import {
  findReferenceEntry,
  findReferenceVersionOn,
  listReferenceEntries,
} from '@hub/subgraph-kit/reference/reference.queries'
import { referenceView, type ReferenceDatabase } from '@hub/subgraph-kit/reference/tables'
import { backends, openTestDatabase, type TestDatabase } from '@hub/testing/databases'
import type { DB } from '../../../subgraphs/health/src/db/database.js'
import { healthSubgraph } from '../../../subgraphs/health/test/support/subgraph.js'

const encoder = new TextEncoder()
const table = (text: string) => readFileTable(encoder.encode(text)) as FileTable

/** A dictionary of this test's own, parents named by code, whose codes are two letters and a digit. */
const TOY: ReferenceKind = {
  code: 'toy',
  name: 'Игрушечный',
  title: 'Справочник для проверки',
  source: 'тест',
  formats: ['CSV', 'JSON'],
  read: (file) =>
    readCodedRows(file, {
      code: 'CODE',
      name: 'NAME',
      parent: 'PARENT',
      active: 'ACTUAL',
      format: { pattern: /^[A-Z]{2}[0-9]?$/, rule: 'ICD10_ENTRY_CODE', letters: 'upper' },
    }),
}

const csv = (...rows: string[]) => Buffer.from(['CODE;NAME;PARENT;ACTUAL', ...rows].join('\n')).toString('base64')

describe('a dictionary file read as a table', () => {
  it('reads a CSV with a BOM, semicolons, quoted fields and CRLF, numbering rows as lines with the header 1', () => {
    const read = table('\uFEFFcode;name\r\nAB1;"Имя; с ""кавычками"""\r\n\r\nAB2;Второе\r\n')
    expect(read.format).toBe('CSV')
    expect(read.rows).toEqual([
      { row: 2, values: { CODE: 'AB1', NAME: 'Имя; с "кавычками"' } },
      { row: 4, values: { CODE: 'AB2', NAME: 'Второе' } },
    ])
  })

  it('reads JSON as an array, as an object holding the records, and as the НСИ API’s column–value pairs', () => {
    const records = [{ ID: 1, MKB_CODE: 'G80', ACTUAL: true, ID_PARENT: null }]
    const expected = [{ row: 1, values: { ID: '1', MKB_CODE: 'G80', ACTUAL: '1', ID_PARENT: '' } }]
    expect(table(JSON.stringify(records)).rows).toEqual(expected)
    expect(table(JSON.stringify({ records })).rows).toEqual(expected)
    const pairs = [Object.entries(records[0]!).map(([column, value]) => ({ column, value }))]
    expect(table(JSON.stringify({ result: 'OK', list: pairs })).rows).toEqual(expected)
  })

  it('reads a GeoJSON FeatureCollection as a row per feature, with its geometry as JSON text', () => {
    const geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    }
    const read = table(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { oktmo: '01' }, geometry }],
      }),
    )
    expect(read.format).toBe('GeoJSON')
    expect(read.rows).toEqual([{ row: 1, values: { OKTMO: '01', GEOMETRY: JSON.stringify(geometry) } }])
    expect([...read.columns].sort()).toEqual(['GEOMETRY', 'OKTMO'])
  })

  it('reads a CSV in Windows-1251, the encoding Росстат publishes its classifiers in', () => {
    // «КОД;НАИМЕНОВАНИЕ» and «01;Ёлкино» in Windows-1251: А–я are 0xC0–0xFF, Ё is 0xA8.
    const cp1251 = (text: string) =>
      Uint8Array.from(
        [...text].map((char) => (char === 'Ё' ? 0xa8 : char >= 'А' ? char.charCodeAt(0) - 0x350 : char.charCodeAt(0))),
      )
    const read = readFileTable(cp1251('КОД;НАИМЕНОВАНИЕ\r\n01;Ёлкино\r\n')) as FileTable
    expect([...read.columns]).toEqual(['КОД', 'НАИМЕНОВАНИЕ'])
    expect(read.rows).toEqual([{ row: 2, values: { КОД: '01', НАИМЕНОВАНИЕ: 'Ёлкино' } }])
  })

  it('names the rule of a file that is neither', () => {
    expect(readFileTable(encoder.encode('{"a": 1'))).toMatchObject({ row: 1, rule: 'REFERENCE_FILE_FORMAT' })
    expect(readFileTable(new Uint8Array([0xff, 0xfe, 0x00]))).toMatchObject({
      rule: 'REFERENCE_FILE_FORMAT',
      params: { reason: 'текст не в кодировке UTF-8 или Windows-1251' },
    })
    expect(readFileTable(encoder.encode('  '))).toMatchObject({ rule: 'REFERENCE_FILE_EMPTY' })
  })
})

describe('the difference between a dictionary and a complete file', () => {
  const entry = (code: string, name: string, active = true, parentCode: string | null = null): ReferenceEntry => ({
    code,
    name,
    parentCode,
    active,
  })
  const held = new Map(
    [
      entry('AA', 'Раздел'),
      entry('AA1', 'Первый', true, 'AA'),
      entry('AA2', 'Второй'),
      entry('AA3', 'Старый', false),
    ].map((e) => [e.code, e]),
  )

  it('adds, changes, retires what the file marks out of force or leaves out, and counts the rest unchanged', () => {
    const diff = diffDictionary(held, [
      entry('AA', 'Раздел'),
      entry('AA1', 'Первый (новое)', true, 'AA'),
      entry('AB', 'Новый'),
    ])
    expect(diff).toMatchObject({ added: 1, changed: 1, retired: 1, unchanged: 2 })
    expect(diff.changes.map((change) => [change.type, change.code])).toEqual([
      ['CHANGED', 'AA1'],
      ['RETIRED', 'AA2'],
      ['ADDED', 'AB'],
    ])
  })

  it('changes an entry whose attributes differ, whatever the order of their keys', () => {
    const withAttributes = (attributes: ReferenceEntry['attributes']) => ({ ...entry('AA', 'Раздел'), attributes })
    const kept = new Map([['AA', withAttributes({ remote: true, shape: { a: 1, b: [1, 2] } })]])
    expect(diffDictionary(kept, [withAttributes({ shape: { b: [1, 2], a: 1 }, remote: true })])).toMatchObject({
      unchanged: 1,
    })
    expect(diffDictionary(kept, [withAttributes({ remote: false, shape: { a: 1, b: [1, 2] } })])).toMatchObject({
      changed: 1,
    })
  })

  it('leaves a part the file does not cover as it is when the kind names its parts', () => {
    const years = new Map(['2025:A', '2026:A', '2026:B'].map((code) => [code, entry(code, code)]))
    const year = (code: string) => code.slice(0, 4)
    const diff = diffDictionary(years, [entry('2026:A', '2026:A')], year)
    expect(diff).toMatchObject({ added: 0, changed: 0, retired: 1, unchanged: 1 })
    expect(diff.changes.map((change) => change.code)).toEqual(['2026:B'])
  })

  it('brings a code out of force back as a change, and finds nothing to do in the same file twice', () => {
    const file = [...held.values()].map((e) => ({ ...e, active: true }))
    expect(diffDictionary(held, file)).toMatchObject({ added: 0, changed: 1, retired: 0, unchanged: 3 })
    expect(diffDictionary(held, [...held.values()])).toMatchObject({ added: 0, changed: 0, retired: 0, unchanged: 4 })
  })
})

describe.each(backends)('a versioned dictionary (%s)', (backend) => {
  let database: TestDatabase<DB>
  let db: ReferenceDatabase
  const run = (content: string, options: { apply?: boolean; validFrom?: string; fileName?: string } = {}) =>
    importReference(db, [TOY], 'test-admin', {
      kind: 'toy',
      fileName: options.fileName ?? 'toy.csv',
      content,
      apply: options.apply ?? false,
      validFrom: options.validFrom ?? null,
    })
  const rows = async () => ({
    entries: await db.selectFrom('reference_entry').selectAll().where('kind', '=', 'toy').execute(),
    versions: await db.selectFrom('reference_entry_version').selectAll().where('kind', '=', 'toy').execute(),
    imports: await db.selectFrom('reference_import').selectAll().where('kind', '=', 'toy').execute(),
  })

  beforeAll(async () => {
    database = await openTestDatabase<DB>(healthSubgraph, backend)
    db = referenceView(database.db)
  })
  afterAll(() => database?.close())

  const first = csv('AA;Раздел;;1', 'AA1;Первый;AA;1', 'AA2;Второй;AA;1', 'AA3;Старый;AA;0')

  it('reports a dry run in Russian and writes nothing', async () => {
    const report = await run(first)
    expect(report).toMatchObject({ applied: false, importId: null, added: 4, changed: 0, retired: 0, errorCount: 0 })
    expect(report.text).toContain('проверка, справочник не изменён')
    expect(report.text).toContain('Будет добавлено: 4')
    expect(report.changes.map((change) => change.text)).toContain('+ AA3 Старый (не действует)')
    expect(await rows()).toEqual({ entries: [], versions: [], imports: [] })
  })

  it('applies in one transaction with its history, and a second run of the same file changes nothing', async () => {
    const applied = await run(first, { apply: true })
    expect(applied).toMatchObject({ applied: true, added: 4 })
    const after = await rows()
    expect(after.entries).toHaveLength(4)
    expect(after.imports).toEqual([
      expect.objectContaining({ kind: 'toy', file_name: 'toy.csv', imported_by: 'test-admin', added: 4, changed: 0 }),
    ])
    expect(after.imports[0]!.sha256).toMatch(/^[0-9a-f]{64}$/)
    // Added without a date: in force all along; stated out of force: ending on the import's day.
    expect(await findReferenceVersionOn(db, 'toy', 'AA1', '2001-01-01')).toMatchObject({ name: 'Первый' })
    expect(await findReferenceVersionOn(db, 'toy', 'AA3', '2001-01-01')).toMatchObject({ name: 'Старый' })
    expect(await findReferenceVersionOn(db, 'toy', 'AA3', applied.validFrom)).toBeUndefined()

    const again = await run(first, { apply: true })
    expect(again).toMatchObject({ applied: true, added: 0, changed: 0, retired: 0, unchanged: 4 })
    expect(again.text).toContain('изменений нет')
    const twice = await rows()
    expect(twice.entries).toEqual(after.entries)
    expect(twice.versions).toEqual(after.versions)
    expect(twice.imports).toHaveLength(2)
  })

  it('keeps what was in force on each day: a renamed code, a retired one and one brought back', async () => {
    const later = csv('AA;Раздел;;1', 'AA1;Первый, новое имя;AA;1', 'AA3;Старый;AA;1')
    const report = await run(later, { apply: true, validFrom: '2030-01-01' })
    expect(report).toMatchObject({ added: 0, changed: 2, retired: 1, unchanged: 1 })
    expect(report.text).toContain('~ AA1: «Первый» → «Первый, новое имя»')
    expect(report.text).toContain('− AA2 Второй: не действует с 01.01.2030')
    expect(report.text).toContain('~ AA3: снова действует с 01.01.2030')

    expect(await findReferenceVersionOn(db, 'toy', 'AA1', '2029-12-31')).toMatchObject({ name: 'Первый' })
    expect(await findReferenceVersionOn(db, 'toy', 'AA1', '2030-01-01')).toMatchObject({ name: 'Первый, новое имя' })
    expect(await findReferenceVersionOn(db, 'toy', 'AA2', '2029-12-31')).toMatchObject({ name: 'Второй' })
    expect(await findReferenceVersionOn(db, 'toy', 'AA2', '2030-01-01')).toBeUndefined()
    expect(await findReferenceEntry(db, 'toy', 'AA2')).toEqual({
      code: 'AA2',
      name: 'Второй',
      parentCode: 'AA',
      active: false,
      attributes: {},
    })
    expect(await findReferenceVersionOn(db, 'toy', 'AA3', '2030-06-01')).toMatchObject({ name: 'Старый' })
    expect((await listReferenceEntries(db, 'toy')).filter((entry) => entry.active).map((e) => e.code)).toEqual([
      'AA',
      'AA1',
      'AA3',
    ])
  })

  it('refuses a day before the latest import’s, naming the field', async () => {
    await expect(run(first, { validFrom: '2029-01-01' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.validFrom', rule: 'DATE_TOO_EARLY' },
    })
  })

  it('lists every problem of a file by row, column and rule, and writes nothing', async () => {
    const before = await rows()
    const report = await run(
      csv('AB;Новый;;1', 'ab;Дубль;;1', 'AC1;;AB;1', 'AD;Сирота;ZZ;1', 'AE;Флаг;;да', 'ÀF;Не та буква;;1'),
      {
        apply: true,
        validFrom: '2030-02-01',
      },
    )
    expect(report).toMatchObject({ applied: false, importId: null, errorCount: 5 })
    expect(report.errors.map(({ row, column, rule }) => [row, column, rule])).toEqual([
      [3, 'CODE', 'REFERENCE_DUPLICATE'],
      [4, 'NAME', 'REFERENCE_REQUIRED'],
      [6, 'ACTUAL', 'REFERENCE_FLAG'],
      [7, 'CODE', 'ICD10_ENTRY_CODE'],
      [5, 'PARENT', 'REFERENCE_PARENT_UNKNOWN'],
    ])
    expect(report.errors[0]!.message).toBe('Код AB уже есть в строке 2')
    expect(report.text).toContain('файл не загружен, ошибок: 5')
    expect(report.text).toContain(
      'Строка 5, столбец PARENT: Родительской записи ZZ нет в файле (REFERENCE_PARENT_UNKNOWN)',
    )
    expect(await rows()).toEqual(before)
  })

  it('names a missing column and an empty file', async () => {
    const missing = await run(Buffer.from('CODE;NAME\nAA;Раздел\n').toString('base64'), { validFrom: '2030-03-01' })
    expect(missing.errors).toEqual([
      {
        row: 1,
        column: 'ACTUAL',
        rule: 'REFERENCE_COLUMN_MISSING',
        message: 'В файле нет обязательного столбца ACTUAL',
      },
    ])
    const empty = await run(csv(), { validFrom: '2030-03-01' })
    expect(empty.errors.map((error) => error.rule)).toEqual(['REFERENCE_FILE_EMPTY'])
  })

  it('refuses an unknown kind and a file that is not base64', async () => {
    await expect(
      importReference(db, [TOY], 'x', { kind: 'nope', fileName: 'a.csv', content: '' }),
    ).rejects.toMatchObject({
      extensions: { field: 'input.kind', rule: 'REFERENCE_KIND' },
    })
    await expect(run('не base64')).rejects.toMatchObject({ extensions: { field: 'input.content' } })
  })
})

describe.each(backends)('a dictionary whose entries carry attributes (%s)', (backend) => {
  let database: TestDatabase<DB>
  let db: ReferenceDatabase
  const carried: { codes: string[]; validFrom: string }[] = []
  let failApply = false
  /** Counts per year and place (`2026:AA`): a file covers the years it names; `ZZ` is a place the side does not know. */
  const COUNTS: ReferenceKind = {
    code: 'counts',
    name: 'Численность',
    title: 'Численность для проверки',
    source: 'тест',
    formats: ['CSV'],
    attributeLabels: { children: 'детей', remote: 'отдалённый' },
    read: (file) => ({
      entries: file.rows.map(({ row, values }) => ({
        row,
        code: `${values.YEAR}:${values.PLACE}`,
        name: values.PLACE!,
        parentCode: null,
        active: true,
        attributes: { children: Number(values.CHILDREN), remote: values.REMOTE === '1' },
      })),
      problems: [],
    }),
    scope: (code) => code.slice(0, 4),
    check: async (_db, entries) =>
      entries
        .filter((entry) => entry.name === 'ZZ')
        .map((entry) => ({
          row: entry.row,
          column: 'PLACE',
          rule: 'REFERENCE_PARENT_UNKNOWN',
          params: { parent: 'ZZ' },
        })),
    apply: async (trx, changes, applied) => {
      const held = await trx.selectFrom('reference_entry').select('code').where('kind', '=', 'counts').execute()
      if (failApply) throw new Error('the side refused')
      expect(held.length).toBeGreaterThanOrEqual(changes.length)
      carried.push({ codes: changes.map((change) => change.code), validFrom: applied.validFrom })
    },
  }
  const run = (rows: string[], validFrom: string) =>
    importReference(db, [COUNTS], 'test-admin', {
      kind: 'counts',
      fileName: 'counts.csv',
      content: Buffer.from(['YEAR;PLACE;CHILDREN;REMOTE', ...rows].join('\n')).toString('base64'),
      apply: true,
      validFrom,
    })

  beforeAll(async () => {
    database = await openTestDatabase<DB>(healthSubgraph, backend)
    db = referenceView(database.db)
  })
  afterAll(() => database?.close())

  it('keeps the attributes of each version, reports their changes in Russian, and carries the changes over', async () => {
    await run(['2025;AA;120;0', '2025;BB;40;1'], '2030-01-01')
    const report = await run(['2025;AA;125;0', '2025;BB;40;1'], '2030-02-01')
    expect(report).toMatchObject({ changed: 1, unchanged: 1 })
    expect(report.text).toContain('~ 2025:AA: детей: 125 (было 120)')
    expect(await findReferenceVersionOn(db, 'counts', '2025:AA', '2030-01-15')).toMatchObject({
      attributes: { children: 120, remote: false },
    })
    expect(await findReferenceVersionOn(db, 'counts', '2025:AA', '2030-02-01')).toMatchObject({
      attributes: { children: 125, remote: false },
    })
    expect(carried).toEqual([
      { codes: ['2025:AA', '2025:BB'], validFrom: '2030-01-01' },
      { codes: ['2025:AA'], validFrom: '2030-02-01' },
    ])
  })

  it('adds another year without retiring the one the file does not cover', async () => {
    const report = await run(['2026;AA;130;0'], '2030-03-01')
    expect(report).toMatchObject({ added: 1, retired: 0, unchanged: 0 })
    expect((await listReferenceEntries(db, 'counts')).every((entry) => entry.active)).toBe(true)
  })

  it('refuses a file the side’s own check finds wrong, and writes nothing', async () => {
    const report = await run(['2026;ZZ;1;0'], '2030-04-01')
    expect(report).toMatchObject({ applied: false, errorCount: 1 })
    expect(report.errors[0]).toMatchObject({ row: 2, column: 'PLACE', rule: 'REFERENCE_PARENT_UNKNOWN' })
    expect(await findReferenceEntry(db, 'counts', '2026:ZZ')).toBeUndefined()
  })

  it('writes nothing of the dictionary when carrying the changes over fails', async () => {
    failApply = true
    await expect(run(['2026;AA;131;0'], '2030-05-01')).rejects.toThrow('the side refused')
    failApply = false
    expect(await findReferenceVersionOn(db, 'counts', '2026:AA', '2030-05-01')).toMatchObject({
      attributes: { children: 130 },
    })
    const imports = await db.selectFrom('reference_import').select('valid_from').where('kind', '=', 'counts').execute()
    expect(imports.map((row) => row.valid_from)).not.toContain('2030-05-01')
  })
})
