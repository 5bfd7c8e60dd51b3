import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportReferenceMutation, ReferenceDictionariesQuery } from '@hub/schema/operations'
import { findReferenceVersionOn } from '@hub/subgraph-kit/reference/reference.queries'
import { referenceView } from '@hub/subgraph-kit/reference/tables'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRejected, snapshot } from '@hub/testing/writes'
import type { DB } from '../src/db/database.js'
import { insertEarlyHelpUnit, insertKindergarten, insertPreschoolApplication } from './support/factories.js'
import { educationSubgraph } from './support/subgraph.js'

const SAMPLES = new URL('../../../samples/reference/', import.meta.url)
const sample = (name: string) => readFileSync(new URL(name, SAMPLES), 'utf8')
const base64 = (text: string) => Buffer.from(text).toString('base64')
// Education's root fields of the committed ReferenceDictionaries and ImportReference, with the fields read here.
const IMPORT = /* GraphQL */ `
  mutation ($input: ReferenceImportInput!) {
    importEducationReference(input: $input) {
      applied
      added
      changed
      retired
      unchanged
      errorCount
      importId
      kind
      kindName
      changes {
        type
        code
        name
      }
      errors {
        row
        column
        rule
        message
      }
    }
  }
`
const DICTIONARIES = '{ educationReferenceKinds { code entries active } educationReferenceImports { fileName } }'
const KINDERGARTENS = /* GraphQL */ `
  {
    kindergartens(municipality: "98701000") {
      id
      code
      name
      address
      closedOn
      groups {
        code
        name
        ageFromMonths
        ageToMonths
        focus
        places
        closedOn
      }
      earlyHelpUnits {
        id
        code
        kind
        name
        openedOn
        closedOn
      }
    }
  }
`
const RECORD_SESSION = /* GraphQL */ `
  mutation ($input: RecordEducationSessionInput!) {
    recordEducationSession(input: $input) {
      id
      unit {
        code
        kindergarten {
          code
        }
      }
    }
  }
`
const DIRECT = /* GraphQL */ `
  mutation ($input: DirectToKindergartenInput!) {
    directToKindergarten(input: $input) {
      id
    }
  }
`
const administrator = viewers.administrator('education')
const TODAY = daysFromToday(0)
const YESTERDAY = daysFromToday(-1)

type Report = NonNullable<ImportReferenceMutation['importEducationReference']>
interface Kindergarten {
  id: string
  code: string | null
  name: string
  address: string | null
  closedOn: string | null
  groups: {
    code: string
    name: string
    ageFromMonths: number
    focus: string
    places: number
    closedOn: string | null
  }[]
  earlyHelpUnits: { id: string; code: string | null; kind: string; openedOn: string | null; closedOn: string | null }[]
}

describe.each(backends)('kindergartens and their early-help units from the department’s files (%s)', (backend) => {
  let education: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let demo: { id: string }
  let demoPoint: { id: string }

  beforeAll(async () => {
    education = await startSubgraphForTest<DB>(educationSubgraph, backend)
    // Kindergartens recorded before the file, as the demo region has them: by the codes the file gives.
    demo = await insertKindergarten(education.db, {
      code: '9801600006',
      name: 'МБДОУ «Детский сад № 4 „Колокольчик“»',
      municipality_oktmo: '98701000',
    })
    demoPoint = await insertEarlyHelpUnit(education.db, demo.id, {
      code: 'КП',
      kind: 'CONSULTATION_POINT',
      title: 'Консультационный пункт для родителей детей раннего возраста',
    })
    await insertKindergarten(education.db, {
      code: '9801600038',
      name: 'МБДОУ «Детский сад компенсирующего вида № 13»',
      municipality_oktmo: '98701000',
    })
    await insertKindergarten(education.db, { name: 'МБДОУ «Детский сад без кода»', municipality_oktmo: '98701000' })
  })
  afterAll(() => education?.stop())

  async function importFile(kind: string, fileName: string, text: string, apply: boolean, as = administrator) {
    return education.query<ImportReferenceMutation>(
      IMPORT,
      { input: { kind, fileName, content: base64(text), apply } },
      as,
    )
  }
  async function report(kind: string, fileName: string, text: string, apply: boolean): Promise<Report> {
    const response = await importFile(kind, fileName, text, apply)
    expect(response.errors).toBeUndefined()
    return response.data!.importEducationReference!
  }
  async function kindergartens() {
    const response = await education.query<{ kindergartens: Kindergarten[] }>(KINDERGARTENS)
    expect(response.errors).toBeUndefined()
    return response.data!.kindergartens
  }
  const byCode = async (code: string) => (await kindergartens()).find((kindergarten) => kindergarten.code === code)!
  const domain = async () => ({
    kindergartens: await education.db.selectFrom('kindergarten').selectAll().orderBy('id').execute(),
    groups: await education.db.selectFrom('kindergarten_group').selectAll().orderBy('id').execute(),
    units: await education.db.selectFrom('early_help_unit').selectAll().orderBy('id').execute(),
  })
  const session = (unitId: string, deliveredOn: string) =>
    education.query<{ recordEducationSession: { id: string } }>(RECORD_SESSION, {
      input: {
        childId: randomUUID(),
        programmeServiceId: randomUUID(),
        unitId,
        serviceCode: 'COMMUNICATION_SPEECH',
        deliveredOn,
        durationMinutes: 40,
        mode: 'GROUP',
        attended: true,
      },
    })

  it('checks the sample of kindergartens in a dry run: organisations and their groups, nothing written', async () => {
    const before = await snapshot(education.db)
    const checked = await report('kindergartens', 'kindergartens-sample.csv', sample('kindergartens-sample.csv'), false)
    expect(checked).toMatchObject({ kind: 'kindergartens', kindName: 'Детские сады', applied: false, errorCount: 0 })
    expect(checked).toMatchObject({ added: 19, changed: 0, retired: 0, unchanged: 0 })
    expect(checked.changes).toContainEqual(
      expect.objectContaining({ type: 'ADDED', code: '9801600006/1', name: 'Группа раннего возраста «Капелька»' }),
    )
    expect(await snapshot(education.db)).toEqual(before)
  })

  it('applies it: kindergartens already recorded are merged by code, new ones added, each with its groups', async () => {
    const before = await domain()
    const applied = await report('kindergartens', 'kindergartens-sample.csv', sample('kindergartens-sample.csv'), true)
    expect(applied).toMatchObject({ applied: true, added: 19 })
    const after = await domain()
    // Seven organisations, two of them recorded before: five new rows, none doubled.
    expect(after.kindergartens).toHaveLength(before.kindergartens.length + 5)
    expect(new Set(after.kindergartens.map((row) => row.code)).size).toBe(after.kindergartens.length)
    const merged = await byCode('9801600006')
    expect(merged).toMatchObject({ id: demo.id, address: 'г. Светлогорск, ул. Садовая, д. 12', closedOn: null })
    expect(merged.groups.map((group) => [group.code, group.ageFromMonths, group.focus, group.places])).toEqual([
      ['1', 18, 'GENERAL', 15],
      ['2', 36, 'GENERAL', 20],
      ['3', 48, 'HEALTH_IMPROVING', 20],
    ])
    expect((await byCode('9801600038')).groups.map((group) => group.focus)).toEqual([
      'COMPENSATORY',
      'COMPENSATORY',
      'COMPENSATORY',
    ])
    expect(after.groups).toHaveLength(12)
    // The kindergarten recorded without a code stays as it was.
    expect(after.kindergartens.filter((row) => row.code === null)).toHaveLength(1)

    const again = await report('kindergartens', 'kindergartens-sample.csv', sample('kindergartens-sample.csv'), true)
    expect(again).toMatchObject({ applied: true, added: 0, changed: 0, retired: 0, unchanged: 19 })
    expect(await domain()).toEqual(after)
  })

  it('applies the sample of early-help units: the recorded one gains its opening day, a new one takes sessions', async () => {
    const before = await domain()
    const file = sample('early-help-units-sample.csv')
    const checked = await report('early-help-units', 'early-help-units-sample.csv', file, false)
    expect(checked).toMatchObject({ added: 5, errorCount: 0 })
    expect(await domain()).toEqual(before)
    expect(await report('early-help-units', 'early-help-units-sample.csv', file, true)).toMatchObject({ added: 5 })
    const after = await domain()
    // One of the five was recorded before (the demo's консультационный пункт): four new rows.
    expect(after.units).toHaveLength(before.units.length + 4)
    expect((await byCode('9801600006')).earlyHelpUnits).toEqual([
      expect.objectContaining({ id: demoPoint.id, code: 'КП', openedOn: '2019-09-01', closedOn: null }),
    ])
    const [shortStay] = (await byCode('9801699997')).earlyHelpUnits
    expect(shortStay).toMatchObject({ code: 'ГКП', kind: 'SHORT_STAY_GROUP', openedOn: '2025-09-01' })
    const recorded = await session(shortStay!.id, YESTERDAY)
    expect(recorded.errors).toBeUndefined()
    expect(recorded.data!.recordEducationSession).toMatchObject({
      unit: { code: 'ГКП', kindergarten: { code: '9801699997' } },
    })
    const beforeOpening = await session(shortStay!.id, '2025-08-31')
    expectRejected(beforeOpening, { code: 'BAD_USER_INPUT', field: 'input.deliveredOn' })
    expect(beforeOpening.errors![0]!.extensions).toMatchObject({ rule: 'EARLY_HELP_UNIT_NOT_OPEN' })

    expect(await report('early-help-units', 'early-help-units-sample.csv', file, true)).toMatchObject({
      added: 0,
      changed: 0,
      retired: 0,
      unchanged: 5,
    })
  })

  it('closes what a later file leaves out and keeps it for the records: no new sessions or directions from then', async () => {
    const lekoteka = (await byCode('9801600038')).earlyHelpUnits.find((unit) => unit.code === 'ЛЕК')!
    expect((await session(lekoteka.id, YESTERDAY)).errors).toBeUndefined()
    const withoutKindergarten = sample('kindergartens-sample.csv')
      .split('\n')
      .filter((line) => !line.startsWith('9801600045;') && !line.includes(';3;Средняя группа'))
      .join('\n')
    const retired = await report('kindergartens', 'kindergartens-2.csv', withoutKindergarten, true)
    expect(retired).toMatchObject({ added: 0, changed: 0, retired: 3, unchanged: 16 })
    const withoutLekoteka = sample('early-help-units-sample.csv')
      .split('\n')
      .filter((line) => !line.includes(';ЛЕК;'))
      .join('\n')
    expect(await report('early-help-units', 'units-2.csv', withoutLekoteka, true)).toMatchObject({ retired: 1 })

    const closed = await byCode('9801600045')
    expect(closed).toMatchObject({ closedOn: TODAY, groups: [expect.objectContaining({ closedOn: TODAY })] })
    expect((await byCode('9801600006')).groups.map((group) => group.closedOn)).toEqual([null, null, TODAY])
    expect((await byCode('9801600038')).earlyHelpUnits.find((unit) => unit.id === lekoteka.id)).toMatchObject({
      closedOn: TODAY,
    })
    // What was in force on a day: yesterday the kindergarten was, today it is not.
    const reference = referenceView(education.db)
    expect(await findReferenceVersionOn(reference, 'kindergartens', '9801600045', YESTERDAY)).toMatchObject({
      name: 'МБДОУ «Детский сад № 17 „Алёнушка“»',
      attributes: { oktmo: '98701000', address: 'г. Светлогорск, пр. Победы, д. 40' },
    })
    expect(await findReferenceVersionOn(reference, 'kindergartens', '9801600045', TODAY)).toBeUndefined()

    const refused = await session(lekoteka.id, TODAY)
    expectRejected(refused, { code: 'BAD_USER_INPUT', field: 'input.deliveredOn' })
    expect(refused.errors![0]!.extensions).toMatchObject({ rule: 'EARLY_HELP_UNIT_NOT_OPEN' })
    expect((await session(lekoteka.id, YESTERDAY)).errors).toBeUndefined()

    const queued = await insertPreschoolApplication(education.db, randomUUID())
    const direction = await education.query(DIRECT, {
      input: { applicationId: queued.id, kindergartenId: closed.id, groupType: 'GENERAL' },
    })
    expectRejected(direction, { code: 'CONFLICT', field: 'input.kindergartenId' })
    expect(direction.errors![0]!.extensions).toMatchObject({ rule: 'KINDERGARTEN_CLOSED', params: { day: TODAY } })
  })

  it('reports every error of a file by row, column and rule, and imports none of it', async () => {
    const before = await snapshot(education.db)
    const broken = [
      'ORG_CODE;ORG_NAME;OKTMO;ADDRESS;GROUP_CODE;GROUP_NAME;AGE_FROM;AGE_TO;FOCUS;PLACES',
      '9801600006;МБДОУ № 4;98701000;ул. Садовая, 12;1;Ранняя;1,5;3;общеразвивающая;15',
      '9801600006;МБДОУ № 4 другой;98701000;ул. Садовая, 12;2;Младшая;3;4;общеразвивающая;20',
      '98/016;МБДОУ;9870100;ул. Мира, 3;1;Группа;4;3;спортивная;0',
    ]
    const checked = await report('kindergartens', 'broken.csv', broken.join('\n'), true)
    expect(checked).toMatchObject({ applied: false, importId: null })
    expect(checked.errors.map((error) => [error.row, error.column, error.rule])).toEqual([
      [4, 'ORG_CODE', 'KINDERGARTEN_CODE'],
      [4, 'OKTMO', 'OKTMO_FORMAT'],
      [4, 'AGE_TO', 'KINDERGARTEN_GROUP_AGE'],
      [4, 'FOCUS', 'KINDERGARTEN_GROUP_FOCUS'],
      [4, 'PLACES', 'KINDERGARTEN_GROUP_PLACES'],
      [3, 'ORG_NAME', 'KINDERGARTEN_MISMATCH'],
    ])
    expect(checked.errors.at(-1)!.message).toBe(
      'Организация 9801600006 в строке 2 описана иначе: наименование, ОКТМО и адрес одинаковы во всех её строках',
    )
    const units = [
      'ORG_CODE;UNIT_CODE;UNIT_NAME;UNIT_KIND;OPENED_ON',
      '9801600006;ЛЕК;Лекотека;кружок;31.02.2024',
      '9800000000;КП;Консультационный пункт;консультационный пункт;01.09.2024',
    ]
    const unitErrors = await report('early-help-units', 'units.csv', units.join('\n'), true)
    expect(unitErrors.errors.map((error) => [error.row, error.column, error.rule])).toEqual([
      [2, 'UNIT_KIND', 'EARLY_HELP_UNIT_KIND_NAME'],
      [2, 'OPENED_ON', 'EARLY_HELP_UNIT_DATE'],
    ])
    // A unit of a kindergarten education does not have (or has closed) refuses the file.
    const unknown = await report('early-help-units', 'units.csv', [units[0], units[2]].join('\n'), true)
    expect(unknown.errors).toEqual([
      expect.objectContaining({ row: 2, column: 'ORG_CODE', rule: 'EARLY_HELP_UNIT_KINDERGARTEN' }),
    ])
    expect(await snapshot(education.db)).toEqual(before)
  })

  it('lists education’s dictionaries and their history to its administrators only', async () => {
    const response = await education.query<ReferenceDictionariesQuery>(DICTIONARIES, {}, administrator)
    expect(response.errors).toBeUndefined()
    expect(response.data!.educationReferenceKinds!.map((kind) => [kind.code, kind.entries, kind.active])).toEqual([
      ['kindergartens', 19, 16],
      ['early-help-units', 5, 4],
    ])
    expect(response.data!.educationReferenceImports!.map((entry) => entry.fileName)).toContain(
      'kindergartens-sample.csv',
    )
    for (const as of [viewers.specialist('education'), viewers.administrator('health'), viewers.analyst('education')]) {
      const before = await snapshot(education.db)
      const refused = await importFile('kindergartens', 'k.csv', sample('kindergartens-sample.csv'), true, as)
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      expect(await snapshot(education.db)).toEqual(before)
      expect((await education.query(DICTIONARIES, {}, as)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    }
  })
})
