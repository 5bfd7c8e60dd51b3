import { print } from 'graphql'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CheckRegistryRowsDocument,
  ImportRegistryRowsDocument,
  MergeChildrenDocument,
  RegistryImportReportDocument,
  StartRegistryImportDocument,
  type CheckRegistryRowsMutation,
  type ImportRegistryRowsMutation,
  type RegistryImportCellsInput,
  type RegistryImportReportQuery,
  type StartRegistryImportMutation,
} from '@hub/schema/operations'
import type { DB } from '../../src/db/database.js'
import { viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { daysFromToday } from '@hub/testing/writes'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { innCheckDigit, ogrnCheckDigit } from '../../src/identifiers.js'
import {
  CATALOGUE_SERVICE,
  insertChild,
  insertMunicipality,
  insertProvider,
  insertReferral,
  MUNICIPALITY,
  uniqueSnils,
} from '../support/factories.js'
import { socialSubgraph } from '../support/subgraph.js'

const START = print(StartRegistryImportDocument)
const IMPORT = print(ImportRegistryRowsDocument)
const CHECK = print(CheckRegistryRowsDocument)
const REPORT = print(RegistryImportReportDocument)
const MERGE = print(MergeChildrenDocument)

const BIRTH = daysFromToday(-300)
const russianDay = (iso: string) => iso.split('-').reverse().join('.')

let sequence = 0
/** A row of a registry file as the template writes it: Russian terms and dates ДД.ММ.ГГГГ. */
function row(cells: RegistryImportCellsInput = {}): RegistryImportCellsInput {
  sequence += 1
  return {
    childLastName: 'Импортова',
    childFirstName: `Дарья${'а'.repeat(sequence)}`,
    birthDate: russianDay(BIRTH),
    sex: 'Женский',
    municipality: MUNICIPALITY.oktmo,
    memberLastName: 'Импортова',
    memberFirstName: 'Елена',
    memberBirthDate: '12.05.1995',
    memberKinship: 'Родитель',
    representation: 'Мать',
    representationDocument: 'Свидетельство о рождении II-АБ № 123456',
    representationFrom: russianDay(BIRTH),
    phone: '8 (912) 345-67-89',
    criterion: 'Обеспокоенность родителей развитием ребёнка',
    criterionDocument: 'Заявление родителя',
    criterionDate: russianDay(daysFromToday(-10)),
    ...cells,
  }
}

const sha = (n: number) => n.toString(16).padStart(64, '0')

let providers = 0
/** A social provider of the registry with a real ИНН and ОГРН (their check digits right), as the file names it. */
async function registeredProvider(db: Parameters<typeof insertProvider>[0]) {
  providers += 1
  const n = String(providers).padStart(4, '0')
  const inn = `77010${n}` + innCheckDigit(`77010${n}`)
  const ogrn = `10277010${n}` + ogrnCheckDigit(`10277010${n}`)
  return insertProvider(db, { side: 'SOCIAL', inn, ogrn })
}

/** The columns of a child's open referral to the provider, accepted, and of the programme signed on it. */
function pathway(providerCode: string): RegistryImportCellsInput {
  return {
    referralProvider: providerCode,
    referralFrom: 'ГБУЗ «Детская поликлиника № 1»',
    referralReceivedOn: russianDay(daysFromToday(-60)),
    referralReason: 'Положительный аудиологический скрининг',
    referralAcceptedOn: russianDay(daysFromToday(-58)),
    needDeterminedOn: russianDay(daysFromToday(-50)),
    programmeSignedOn: russianDay(daysFromToday(-40)),
    programmeLead: 'Учитель-логопед',
    programmeGoal: 'd310',
    programmeGoalBaseline: '3',
    programmeGoalTarget: '1',
    programmeGoalText: 'Понимает обращённую речь',
    programmeService: CATALOGUE_SERVICE.code,
    programmeSessions: '4',
    programmeMinutes: '45',
    programmeMode: 'На дому',
  }
}

describe.each(backends)('a region’s registry imported from its file (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  const admin = viewers.administrator('social')

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    await insertMunicipality(social.db)
  })
  afterAll(() => social?.stop())

  async function counts() {
    const { rows } = await sql<{ children: number; families: number; members: number; contacts: number }>`
      select (select count(*)::int from child) as children, (select count(*)::int from family) as families,
             (select count(*)::int from family_member) as members, (select count(*)::int from member_contact) as contacts
    `.execute(social.db)
    return rows[0]!
  }

  async function start(fileSha256: string, totalRows: number, as: TestViewer = admin) {
    const response = await social.query<StartRegistryImportMutation>(
      START,
      { input: { fileName: 'реестр.xlsx', fileSha256, totalRows } },
      as,
    )
    expect(response.errors).toBeUndefined()
    return response.data!.startRegistryImport
  }

  const send = (importId: string, offset: number, cells: RegistryImportCellsInput[], firstLine = offset + 2) =>
    social.query<ImportRegistryRowsMutation>(
      IMPORT,
      {
        input: { importId, offset, rows: cells.map((c, i) => ({ line: firstLine + i, cells: c })) },
      },
      admin,
    )

  it('creates each child with its family, representative, contact and criterion, and finishes the job', async () => {
    const before = await counts()
    const job = await start(sha(1), 2)
    const cells = [row({ snils: uniqueSnils() }), row({ email: 'mama@example.ru', phone: null })]
    const response = await send(job.id, 0, cells)
    expect(response.errors).toBeUndefined()
    const batch = response.data!.importRegistryRows
    expect(batch.rows.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED'])
    expect(batch.import).toMatchObject({ rowsDone: 2, created: 2, merged: 0, refused: 0 })
    expect(batch.import.finishedAt).not.toBeNull()
    expect(await counts()).toEqual({
      children: before.children + 2,
      families: before.families + 2,
      members: before.members + 2,
      contacts: before.contacts + 2,
    })
    const child = await social.db
      .selectFrom('child')
      .select(['family_id', 'registry_status'])
      .where('id', '=', batch.rows[0]!.childId!)
      .executeTakeFirstOrThrow()
    expect(child.registry_status).toBe('POTENTIALLY_IN_NEED')
    const representatives = await social.db
      .selectFrom('legal_representative')
      .innerJoin('family_member', 'family_member.id', 'legal_representative.member_id')
      .select(['legal_representative.relation', 'family_member.kinship'])
      .where('family_member.family_id', '=', child.family_id!)
      .execute()
    expect(representatives).toEqual([{ relation: 'MOTHER', kinship: 'PARENT' }])
    const criteria = await social.db
      .selectFrom('child_criterion')
      .select(['code', 'source'])
      .where('child_id', '=', batch.rows[0]!.childId!)
      .execute()
    expect(criteria).toEqual([{ code: 'PARENT_CONCERN', source: 'SOCIAL' }])
  })

  it('merges into a child already on the registry by СНИЛС or by name and birth date, never doubling it', async () => {
    const snils = uniqueSnils()
    const bySnils = await insertChild(social.db, { snils, sex: 'FEMALE' })
    const byName = await insertChild(social.db, {
      last_name: 'Семёнова',
      first_name: 'Ольга',
      patronymic: null,
      birth_date: BIRTH,
      sex: 'FEMALE',
      snils: null,
    })
    const before = await counts()
    const job = await start(sha(2), 3)
    const response = await send(job.id, 0, [
      row({ snils: snils.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1-$2-$3 $4') }),
      row({ childLastName: 'СЕМЕНОВА', childFirstName: 'ольга', birthDate: BIRTH }),
      // The same child again later in the file, with a second representative: it joins the family made above.
      row({
        childLastName: 'Семенова',
        childFirstName: 'Ольга',
        memberFirstName: 'Пётр',
        memberLastName: 'Семенов',
        representation: 'Отец',
        phone: '+7 900 000-00-01',
      }),
    ])
    expect(response.errors).toBeUndefined()
    const rows = response.data!.importRegistryRows.rows
    expect(rows.map((r) => [r.outcome, r.childId])).toEqual([
      ['MERGED', bySnils.id],
      ['MERGED', byName.id],
      ['MERGED', byName.id],
    ])
    const after = await counts()
    expect(after.children).toBe(before.children)
    // Two families made for the two children that had none; the father joined the second one.
    expect(after.families).toBe(before.families + 2)
    expect(after.members).toBe(before.members + 3)
  })

  it('refuses a row with errors whole, naming each column, rule and Russian message, and keeps the other rows', async () => {
    const before = await counts()
    const job = await start(sha(3), 3)
    const response = await send(job.id, 0, [
      row(),
      row({ snils: '112-233-445 96', birthDate: '31.02.2025', sex: 'Мальчик', phone: '12345' }),
      // Valid cells, refused by the family service after the child was written: the child is rolled back too.
      row({ childFirstName: 'Откатова', representationFrom: russianDay(daysFromToday(5)) }),
    ])
    expect(response.errors).toBeUndefined()
    const [good, bad, late] = response.data!.importRegistryRows.rows
    expect(good!.outcome).toBe('CREATED')
    expect(bad).toMatchObject({ line: 3, outcome: 'REFUSED', childId: null })
    expect(bad!.errors).toEqual([
      { column: 'birthDate', rule: 'IMPORT_DATE', message: expect.stringContaining('ДД.ММ.ГГГГ') },
      { column: 'sex', rule: 'IMPORT_VALUE', message: 'Значение не из списка; допустимо: Мужской; Женский' },
      { column: 'snils', rule: 'CHECK_DIGIT', message: 'Контрольное число не сходится: проверьте цифры' },
      { column: 'phone', rule: 'PHONE_FORMAT', message: expect.stringContaining('+7') },
    ])
    expect(late).toMatchObject({
      outcome: 'REFUSED',
      errors: [{ column: 'representationFrom', rule: 'DATE_IN_FUTURE' }],
    })
    expect(await counts()).toEqual({
      children: before.children + 1,
      families: before.families + 1,
      members: before.members + 1,
      contacts: before.contacts + 1,
    })
    const child = await social.db.selectFrom('child').select('id').where('first_name', '=', 'Откатова').execute()
    expect(child).toEqual([])

    const report = await social.query<RegistryImportReportQuery>(REPORT, { id: job.id }, admin)
    expect(report.errors).toBeUndefined()
    expect(report.data!.registryImport).toMatchObject({ rowsDone: 3, created: 1, refused: 2 })
    expect(report.data!.registryImport!.refusals.map((r) => r.line)).toEqual([3, 4])
  })

  it('continues the same file where it stopped, skipping a batch sent twice and refusing a gap', async () => {
    const job = await start(sha(4), 4)
    const first = [row(), row()]
    const second = [row(), row()]
    expect((await send(job.id, 0, first)).data!.importRegistryRows.import.rowsDone).toBe(2)

    // The same file again: the unfinished job, with its progress.
    const resumed = await start(sha(4), 4)
    expect(resumed).toMatchObject({ id: job.id, rowsDone: 2, finishedAt: null })

    const gap = await send(job.id, 3, second)
    expect(gap.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'IMPORT_BATCH_ORDER' })

    const before = await counts()
    // The first batch again (its answer lost) with the next: only the two new rows are imported.
    const again = await send(job.id, 0, [...first, ...second])
    expect(again.errors).toBeUndefined()
    expect(again.data!.importRegistryRows.rows.map((r) => r.line)).toEqual([4, 5])
    expect(again.data!.importRegistryRows.import).toMatchObject({ rowsDone: 4, created: 4 })
    expect((await counts()).children).toBe(before.children + 2)
    const afterFirst = await counts()

    // A finished file sent again opens a new job, whose rows all merge into what the first one made.
    const rerun = await start(sha(4), 4)
    expect(rerun.id).not.toBe(job.id)
    const merged = await send(rerun.id, 0, [...first, ...second])
    expect(merged.data!.importRegistryRows.import).toMatchObject({ created: 0, merged: 4, refused: 0 })
    expect(await counts()).toEqual(afterFirst)
  })

  it('keeps the status of a child further along the pathway, and moves it out of the registry with «Выбыл»', async () => {
    const referred = await insertChild(social.db, { snils: uniqueSnils(), sex: 'FEMALE', registry_status: 'REFERRED' })
    const job = await start(sha(7), 2)
    const response = await send(job.id, 0, [
      row({ snils: referred.snils, status: 'Потенциально нуждающийся в ранней помощи' }),
      row({ snils: referred.snils, status: 'Выбыл', statusReason: 'Переезд в другой регион' }),
    ])
    expect(response.errors).toBeUndefined()
    expect(response.data!.importRegistryRows.rows.map((r) => r.outcome)).toEqual(['MERGED', 'MERGED'])
    const history = await social.db
      .selectFrom('registry_status_change')
      .select(['from_status', 'to_status', 'reason'])
      .where('child_id', '=', referred.id)
      .execute()
    expect(history).toEqual([{ from_status: 'REFERRED', to_status: 'EXITED', reason: 'Переезд в другой регион' }])
  })

  it('merges an imported child into another record, its import row staying with the record it was written for', async () => {
    const job = await start(sha(8), 1)
    const imported = (await send(job.id, 0, [row()])).data!.importRegistryRows.rows[0]!.childId!
    const other = await insertChild(social.db, { snils: uniqueSnils(), sex: 'FEMALE', birth_date: BIRTH })
    const merged = await social.query(
      MERGE,
      { input: { survivorId: other.id, mergedId: imported, reason: 'Одна и та же девочка' } },
      viewers.coordinator('social'),
    )
    expect(merged.errors, JSON.stringify(merged.errors)).toBeUndefined()
    const report = await social.query<RegistryImportReportQuery>(REPORT, { id: job.id }, admin)
    expect(report.data!.registryImport).toMatchObject({ created: 1, refused: 0 })
    const kept = await social.db
      .selectFrom('registry_import_row')
      .select('child_id')
      .where('import_id', '=', job.id)
      .execute()
    expect(kept).toEqual([{ child_id: imported }])
  })

  it('checks rows without writing in a dry run, reporting what would be created, merged or refused', async () => {
    const existing = await insertChild(social.db, { snils: uniqueSnils() })
    const before = await counts()
    const response = await social.query<CheckRegistryRowsMutation>(
      CHECK,
      {
        input: {
          rows: [
            { line: 2, cells: row() },
            { line: 3, cells: row({ snils: existing.snils }) },
            { line: 4, cells: row({ status: 'Реализуется ИПРП' }) },
            { line: 5, cells: row({ status: 'Выбыл' }) },
          ],
        },
      },
      admin,
    )
    expect(response.errors).toBeUndefined()
    expect(response.data!.checkRegistryRows.map((r) => [r.outcome, r.childId, r.errors.map((e) => e.rule)])).toEqual([
      ['CREATED', null, []],
      ['MERGED', null, []],
      ['REFUSED', null, ['IMPORT_STATUS']],
      ['REFUSED', null, ['REQUIRED_TEXT']],
    ])
    expect(await counts()).toEqual(before)
  })

  async function pathwayOf(childId: string) {
    const referrals = await social.db
      .selectFrom('referral')
      .select(['provider_id', 'status', 'from_organisation', 'received_on', 'decided_on', 'need_outcome'])
      .where('child_id', '=', childId)
      .execute()
    const programmes = await social.db
      .selectFrom('programme')
      .select(['id', 'provider_id', 'status', 'signed_on', 'lead_specialist_role'])
      .where('child_id', '=', childId)
      .execute()
    const { registry_status } = await social.db
      .selectFrom('child')
      .select('registry_status')
      .where('id', '=', childId)
      .executeTakeFirstOrThrow()
    return { referrals, programmes, status: registry_status }
  }

  it('brings in each child’s open referral and signed programme, and a second run of the file doubles neither', async () => {
    const centre = await registeredProvider(social.db)
    const other = await registeredProvider(social.db)
    const cells = [
      row({ snils: uniqueSnils(), ...pathway(centre.ogrn) }),
      // By ИНН, not yet accepted: an open referral and no programme.
      row({
        referralProvider: other.inn,
        referralFrom: 'Отдел опеки и попечительства',
        referralReceivedOn: russianDay(daysFromToday(-3)),
        referralReason: 'Обеспокоенность родителей',
      }),
    ]
    const first = await send((await start(sha(9), 2)).id, 0, cells)
    expect(first.errors).toBeUndefined()
    const rows = first.data!.importRegistryRows.rows
    expect(rows.map((r) => [r.outcome, r.errors])).toEqual([
      ['CREATED', []],
      ['CREATED', []],
    ])
    const [withProgramme, referred] = rows.map((r) => r.childId!)
    const programmed = await pathwayOf(withProgramme!)
    expect(programmed).toEqual({
      referrals: [
        {
          provider_id: centre.id,
          status: 'ACCEPTED',
          from_organisation: 'ГБУЗ «Детская поликлиника № 1»',
          received_on: daysFromToday(-60),
          decided_on: daysFromToday(-58),
          need_outcome: 'IN_NEED',
        },
      ],
      programmes: [
        {
          id: expect.any(String),
          provider_id: centre.id,
          status: 'SIGNED',
          signed_on: daysFromToday(-40),
          lead_specialist_role: 'SPEECH_THERAPIST',
        },
      ],
      status: 'PROGRAMME_ACTIVE',
    })
    const items = await social.db
      .selectFrom('programme_service')
      .innerJoin('programme_goal', 'programme_goal.programme_id', 'programme_service.programme_id')
      .select(['service_code', 'sessions_per_month', 'mode', 'responsible_side', 'icf_code', 'target_qualifier'])
      .where('programme_service.programme_id', '=', programmed.programmes[0]!.id)
      .execute()
    expect(items).toEqual([
      {
        service_code: CATALOGUE_SERVICE.code,
        sessions_per_month: 4,
        mode: 'AT_HOME',
        responsible_side: 'SOCIAL',
        icf_code: 'd310',
        target_qualifier: 1,
      },
    ])
    expect(await pathwayOf(referred!)).toMatchObject({
      referrals: [{ provider_id: other.id, status: 'RECEIVED', decided_on: null }],
      programmes: [],
      status: 'REFERRED',
    })

    // The same file again, as a new import: the rows merge, the referrals and the programme stay one each.
    const again = await send((await start(sha(10), 2)).id, 0, cells)
    expect(again.data!.importRegistryRows.rows.map((r) => [r.outcome, r.childId, r.errors])).toEqual([
      ['MERGED', withProgramme, []],
      ['MERGED', referred, []],
    ])
    expect(await pathwayOf(withProgramme!)).toEqual(programmed)
    expect((await pathwayOf(referred!)).referrals).toHaveLength(1)

    // A later file that has the provider accept the open referral accepts the same one.
    const accepted = await send((await start(sha(11), 1)).id, 0, [
      { ...cells[1]!, referralAcceptedOn: russianDay(daysFromToday(-1)) },
    ])
    expect(accepted.data!.importRegistryRows.rows[0]).toMatchObject({ outcome: 'MERGED', errors: [] })
    expect((await pathwayOf(referred!)).referrals).toEqual([
      expect.objectContaining({ provider_id: other.id, status: 'ACCEPTED', decided_on: daysFromToday(-1) }),
    ])
  })

  it('refuses a referral or programme the services refuse, naming the column and the rule, in the dry run and the import', async () => {
    const centre = await registeredProvider(social.db)
    const busy = await insertChild(social.db, { snils: uniqueSnils(), sex: 'FEMALE', registry_status: 'REFERRED' })
    await insertReferral(social.db, busy.id, (await registeredProvider(social.db)).id, {
      received_on: daysFromToday(-5),
    })
    const badOgrn = centre.ogrn.slice(0, 12) + String((Number(centre.ogrn[12]) + 1) % 10)
    const unknown = `10277019999` + '9' + ogrnCheckDigit(`102770199999`)
    const cells = [
      row({ ...pathway(badOgrn) }),
      row({ ...pathway('12345678901') }),
      row({ ...pathway(unknown) }),
      row({ snils: busy.snils, ...pathway(centre.ogrn) }),
      row({ ...pathway(centre.ogrn), referralAcceptedOn: null }),
      row({ ...pathway(centre.ogrn), programmeGoal: 'речь' }),
    ]
    const refusals = [
      [{ column: 'referralProvider', rule: 'CHECK_DIGIT', message: 'Контрольное число не сходится: проверьте цифры' }],
      [
        {
          column: 'referralProvider',
          rule: 'IMPORT_PROVIDER_CODE',
          message: 'Укажите ОГРН (13 цифр) или ИНН (10 цифр) организации из реестра поставщиков',
        },
      ],
      [
        {
          column: 'referralProvider',
          rule: 'IMPORT_PROVIDER_UNKNOWN',
          message: `В реестре поставщиков нет организации с ОГРН или ИНН ${unknown}`,
        },
      ],
      [
        {
          column: 'referralProvider',
          rule: 'OPEN_REFERRAL_EXISTS',
          message: 'У ребёнка уже есть открытое направление',
        },
      ],
      [{ column: 'referralAcceptedOn', rule: 'IMPORT_PROGRAMME_NEEDS_REFERRAL', message: expect.any(String) }],
      [{ column: 'programmeGoal', rule: 'ICF_FORMAT', message: expect.stringContaining('МКФ-ДП') }],
    ]
    const before = await counts()
    const checked = await social.query<CheckRegistryRowsMutation>(
      CHECK,
      { input: { rows: cells.map((c, i) => ({ line: i + 2, cells: c })) } },
      admin,
    )
    expect(checked.errors).toBeUndefined()
    expect(checked.data!.checkRegistryRows.map((r) => [r.outcome, r.errors])).toEqual(
      refusals.map((errors) => ['REFUSED', errors]),
    )
    expect(await counts()).toEqual(before)

    const job = await start(sha(12), cells.length)
    const imported = await send(job.id, 0, cells)
    expect(imported.data!.importRegistryRows.import).toMatchObject({ created: 0, merged: 0, refused: 6 })
    const report = await social.query<RegistryImportReportQuery>(REPORT, { id: job.id }, admin)
    expect(report.data!.registryImport!.refusals.map((r) => r.errors)).toEqual(refusals)
    expect(await counts()).toEqual(before)
    expect((await pathwayOf(busy.id)).referrals).toHaveLength(1)
  })

  it('lets social’s administrator and coordinators import, and no other side or role', async () => {
    await start(sha(5), 1, viewers.coordinator('social'))
    for (const as of [viewers.specialist('health'), viewers.administrator('health'), viewers.analyst('social')]) {
      const response = await social.query(
        START,
        { input: { fileName: 'реестр.csv', fileSha256: sha(6), totalRows: 1 } },
        as,
      )
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    }
  })
})
