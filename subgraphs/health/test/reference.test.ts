import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { print } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  RecordDiagnosisDocument,
  ReferenceImportFieldsFragmentDoc,
  ReferenceImportReportFieldsFragmentDoc,
  ReferenceKindFieldsFragmentDoc,
  type ImportReferenceMutation,
  type ReferenceDictionariesQuery,
} from '@hub/schema/operations'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRejected, snapshot } from '@hub/testing/writes'
import type { DB } from '../src/db/database.js'
import { healthSubgraph } from './support/subgraph.js'

const SAMPLES = new URL('../../../samples/reference/', import.meta.url)
const sample = (name: string) => readFileSync(new URL(name, SAMPLES), 'utf8')
const base64 = (text: string) => Buffer.from(text).toString('base64')
// The committed operations' health part with their fragments: sent straight to health, an operation may name only its
// fields.
const IMPORT = /* GraphQL */ `
  mutation ($input: ReferenceImportInput!) {
    importHealthReference(input: $input) {
      ...ReferenceImportReportFields
    }
  }
  ${print(ReferenceImportReportFieldsFragmentDoc)}
`
const DICTIONARIES = /* GraphQL */ `
  {
    healthReferenceKinds {
      ...ReferenceKindFields
    }
    healthReferenceImports(first: 20) {
      ...ReferenceImportFields
    }
  }
  ${print(ReferenceKindFieldsFragmentDoc)}
  ${print(ReferenceImportFieldsFragmentDoc)}
`
const administrator = viewers.administrator('health')
const TODAY = daysFromToday(0)

type Report = NonNullable<ImportReferenceMutation['importHealthReference']>

describe.each(backends)('the МКБ-10 dictionary imported from the НСИ file (%s)', (backend) => {
  let health: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    health = await startSubgraphForTest<DB>(healthSubgraph, backend)
  })
  afterAll(() => health?.stop())

  async function importFile(fileName: string, text: string, apply: boolean, as = administrator) {
    return health.query<ImportReferenceMutation>(
      IMPORT,
      { input: { kind: 'icd10', fileName, content: base64(text), apply } },
      as,
    )
  }
  async function report(fileName: string, text: string, apply: boolean): Promise<Report> {
    const response = await importFile(fileName, text, apply)
    expect(response.errors).toBeUndefined()
    return response.data!.importHealthReference!
  }
  const dictionary = async () => ({
    entries: await health.db.selectFrom('reference_entry').selectAll().orderBy('code').execute(),
    versions: await health.db.selectFrom('reference_entry_version').selectAll().orderBy('id').execute(),
  })
  const diagnose = (childId: string, icd10: string, diagnosedOn: string) =>
    health.query(print(RecordDiagnosisDocument), { input: { childId, icd10, diagnosedOn, primary: true } })

  it('starts with the 35 codes of the first version, each in force', async () => {
    const { entries } = await dictionary()
    expect(entries).toHaveLength(35)
    expect(entries.every((entry) => entry.kind === 'icd10' && entry.active && entry.parent_code === null)).toBe(true)
  })

  it('checks the sample JSON in a dry run: the report says what would change, and nothing is written', async () => {
    const before = await snapshot(health.db)
    const checked = await report('icd10.json', sample('icd10.json'), false)
    expect(checked).toMatchObject({ kind: 'icd10', kindName: 'МКБ-10', applied: false, importId: null })
    // Classes, categories and seven codes are new; the 35 codes gain their category as parent.
    expect(checked).toMatchObject({ added: 34, changed: 35, retired: 0, unchanged: 0, errorCount: 0 })
    expect(checked.changes).toContainEqual(
      expect.objectContaining({ type: 'ADDED', code: 'G80', text: '+ G80 Детский церебральный паралич' }),
    )
    expect(checked.changes).toContainEqual(
      expect.objectContaining({ type: 'CHANGED', code: 'E03.1', text: '~ E03.1: входит в E03 (было —)' }),
    )
    expect(checked.text).toMatch(
      /^МКБ-10, файл «icd10\.json» \(SHA-256 [0-9a-f]{12}…\): проверка, справочник не изменён\./,
    )
    expect(await snapshot(health.db)).toEqual(before)
  })

  it('applies the sample CSV with the hierarchy, and a second run of it says «изменений нет» and changes nothing', async () => {
    const applied = await report('icd10.csv', sample('icd10.csv'), true)
    expect(applied).toMatchObject({ applied: true, added: 34, changed: 35, retired: 0 })
    expect(applied.importId).toEqual(expect.any(String))
    const after = await dictionary()
    expect(after.entries.find((entry) => entry.code === 'G80.1')).toMatchObject({ parent_code: 'G80', active: true })
    expect(after.entries.find((entry) => entry.code === 'G80')).toMatchObject({ parent_code: 'G00-G99' })
    expect(after.entries.find((entry) => entry.code === 'P91.9')).toMatchObject({ active: false })

    const again = await report('icd10.csv', sample('icd10.csv'), true)
    expect(again).toMatchObject({ applied: true, added: 0, changed: 0, retired: 0, unchanged: 69 })
    expect(again.text).toContain('изменений нет')
    expect(await dictionary()).toEqual(after)
    // The JSON and the CSV state the same dictionary.
    expect(await report('icd10.json', sample('icd10.json'), false)).toMatchObject({ added: 0, changed: 0, retired: 0 })
  })

  it('refuses a retired code for a new diagnosis dated from its retirement, while an old record still reads it', async () => {
    const childId = randomUUID()
    expect((await diagnose(childId, 'Q24.9', '2025-03-04')).errors).toBeUndefined()
    const withoutQ249 = sample('icd10.csv')
      .split('\n')
      .filter((line) => !line.includes(';Q24.9;'))
      .join('\n')
    const retired = await report('icd10-2.csv', withoutQ249, true)
    expect(retired).toMatchObject({ added: 0, changed: 0, retired: 1, unchanged: 68 })
    expect(retired.changes).toEqual([expect.objectContaining({ type: 'RETIRED', code: 'Q24.9' })])

    const refused = await diagnose(randomUUID(), 'Q24.9', TODAY)
    expectRejected(refused, { code: 'BAD_USER_INPUT', field: 'input.icd10' })
    expect(refused.errors![0]!.extensions).toMatchObject({
      rule: 'ICD10_NOT_IN_FORCE',
      params: { code: 'Q24.9', day: TODAY },
    })
    // A diagnosis made while it was in force may still be recorded, and the one recorded before reads on.
    expect((await diagnose(randomUUID(), 'Q24.9', daysFromToday(-1))).errors).toBeUndefined()
    const old = await health.entities<{ health: { diagnoses: { icd10: string; name: string }[] } }>(
      [{ __typename: 'Child', id: childId }],
      'fragment Selection on Child { health { diagnoses { icd10 name } } }',
    )
    expect(old.data!._entities[0]!.health.diagnoses).toEqual([
      { icd10: 'Q24.9', name: 'Врождённый порок сердца неуточнённый' },
    ])

    const codes = await health.query<{ icd10Codes: { code: string }[] }>('{ icd10Codes { code } }')
    const listed = codes.data!.icd10Codes.map((code) => code.code)
    expect(listed).not.toContain('Q24.9')
    expect(listed).not.toContain('P91.9')
    expect(listed).not.toContain('G00-G99')
    expect(listed).toContain('G80.8')
  })

  it('reports every error of a file by row, column and rule, and imports none of it', async () => {
    const before = await snapshot(health.db)
    const broken = [
      'ID;MKB_CODE;MKB_NAME;ID_PARENT;ACTUAL',
      '1;G80;ДЦП;;1',
      '2;G8O.1;Опечатка;1;1',
      '3;G80.2;;1;1',
      '4;G80.3;Без родителя;99;1',
    ]
    const checked = await report('broken.csv', broken.join('\n'), true)
    expect(checked).toMatchObject({ applied: false, importId: null, errorCount: 3 })
    expect(checked.errors).toEqual([
      {
        row: 3,
        column: 'MKB_CODE',
        rule: 'ICD10_ENTRY_CODE',
        message: 'Код записи МКБ-10: код вида G80.1 или диапазон вида A00-B99',
      },
      { row: 4, column: 'MKB_NAME', rule: 'REFERENCE_REQUIRED', message: 'Значение не заполнено' },
      { row: 5, column: 'ID_PARENT', rule: 'REFERENCE_PARENT_UNKNOWN', message: 'Родительской записи 99 нет в файле' },
    ])
    expect(await snapshot(health.db)).toEqual(before)
  })

  it('keeps the history of applied imports for the administrators: kind, file, SHA-256, who, when, counts', async () => {
    const response = await health.query<ReferenceDictionariesQuery>(DICTIONARIES, {}, administrator)
    expect(response.errors).toBeUndefined()
    expect(response.data!.healthReferenceKinds).toEqual([
      expect.objectContaining({ code: 'icd10', name: 'МКБ-10', formats: ['JSON', 'CSV'], entries: 69, active: 67 }),
    ])
    const history = response.data!.healthReferenceImports!
    expect(history.map((entry) => [entry.fileName, entry.added, entry.changed, entry.retired])).toEqual([
      ['icd10-2.csv', 0, 0, 1],
      ['icd10.csv', 0, 0, 0],
      ['icd10.csv', 34, 35, 0],
    ])
    const sha = (await import('node:crypto')).createHash('sha256').update(sample('icd10.csv')).digest('hex')
    expect(history[2]).toMatchObject({
      kind: 'icd10',
      sha256: sha,
      importedBy: 'health-administrator',
      validFrom: TODAY,
    })
  })

  it('lets only health’s administrators import and read the history', async () => {
    for (const as of [
      viewers.coordinator('health'),
      viewers.specialist('health'),
      viewers.administrator('social'),
      viewers.analyst('health'),
    ]) {
      const before = await snapshot(health.db)
      const response = await importFile('icd10.csv', sample('icd10.csv'), true, as)
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      expect(await snapshot(health.db)).toEqual(before)
      const history = await health.query(DICTIONARIES, {}, as)
      expect(history.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    }
  })
})
