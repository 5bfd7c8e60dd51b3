import { readFileSync } from 'node:fs'
import { print } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ReferenceImportReportFieldsFragmentDoc, type ImportReferenceMutation } from '@hub/schema/operations'
import { readFileTable, type FileTable } from '@hub/subgraph-kit/reference/file'
import { findReferenceVersionOn } from '@hub/subgraph-kit/reference/reference.queries'
import { referenceView } from '@hub/subgraph-kit/reference/tables'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, snapshot } from '@hub/testing/writes'
import type { DB } from '../../src/db/database.js'
import { PROVIDERS_KIND } from '../../src/modules/providers/services/provider-registry-file.js'
import { insertChild, insertMunicipality, insertProvider } from '../support/factories.js'
import { socialSubgraph } from '../support/subgraph.js'

const SAMPLE = readFileSync(new URL('../../../../samples/reference/providers-sample.csv', import.meta.url), 'utf8')
const [HEADER, ...ROWS] = SAMPLE.trim().split('\n') as [string, ...string[]]
const COLUMNS = HEADER.split(';')
/** The sample's rows, each as its cells by column. */
const cellsOf = (line: string) => Object.fromEntries(line.split(';').map((cell, index) => [COLUMNS[index]!, cell]))
const lineOf = (cells: Record<string, string>) => COLUMNS.map((column) => cells[column] ?? '').join(';')
/** The sample with some of its rows' cells changed (by ОГРН), rows left out (`null`) and rows added. */
function sampleWith(changes: Record<string, Record<string, string> | null> = {}, added: Record<string, string>[] = []) {
  const rows = ROWS.flatMap((line) => {
    const cells = cellsOf(line)
    const change = changes[cells.OGRN!]
    if (change === null) return []
    return [lineOf({ ...cells, ...change })]
  })
  return [HEADER, ...rows, ...added.map(lineOf)].join('\n')
}

const RESOURCE_CENTRE = cellsOf(ROWS[0]!)
const ENTREPRENEUR = cellsOf(ROWS.at(-1)!)
const table = (text: string) => readFileTable(new TextEncoder().encode(text)) as FileTable

describe('a region’s registry of providers read from its file', () => {
  it('reads the sample: ОГРН or ОГРНИП as the code, the kind, side and state as codes or Russian terms', () => {
    const { entries, problems } = PROVIDERS_KIND.read(table(SAMPLE))
    expect(problems).toEqual([])
    expect(entries).toHaveLength(ROWS.length)
    expect(entries[0]).toMatchObject({
      row: 2,
      code: RESOURCE_CENTRE.OGRN,
      active: true,
      attributes: {
        kind: 'SOCIAL_SERVICE_CENTRE',
        side: 'SOCIAL',
        remote: true,
        status: 'APPROVED',
        phone: '+78005553535',
        email: 'info@rannyaya-pomosch.example.ru',
        website: 'https://rannyaya-pomosch.example.ru',
      },
    })
    expect(entries.at(-1)).toMatchObject({
      code: '321980100043215',
      attributes: {
        inn: '980123456751',
        kind: 'OTHER',
        side: 'NGO',
        status: null,
        municipalities: ['98701000'],
        services: ['COMMUNICATION_SPEECH', 'CONSULTATION'],
      },
    })
  })

  it('names each wrong value by its row, column and rule', () => {
    const bad = [
      HEADER,
      lineOf({ ...RESOURCE_CENTRE, OGRN: RESOURCE_CENTRE.OGRN!.slice(0, 12) + '0', INN: '9801101038' }),
      lineOf({ ...ENTREPRENEUR, INN: '980123456752', OGRN: '321980100043216' }),
      lineOf({ ...ENTREPRENEUR, OGRN: '1129801103838', KIND: 'Кружок', REMOTE: 'иногда', PHONE: '12345' }),
      lineOf({ ...RESOURCE_CENTRE, OGRN: '12345', INN: '980123456751', WEBSITE: 'ftp://центр', OKTMO: '987' }),
    ].join('\n')
    const { entries, problems } = PROVIDERS_KIND.read(table(bad))
    expect(entries).toEqual([])
    expect(problems.map(({ row, column, rule }) => `${row} ${column} ${rule}`).sort()).toEqual(
      [
        '2 INN CHECK_DIGIT',
        '2 OGRN CHECK_DIGIT',
        '3 INN CHECK_DIGIT',
        '3 OGRN CHECK_DIGIT',
        '4 INN PROVIDER_INN_KIND',
        '4 KIND IMPORT_VALUE',
        '4 PHONE PHONE_FORMAT',
        '4 REMOTE YES_NO',
        '5 OGRN PROVIDER_OGRN_FORMAT',
        '5 OKTMO OKTMO_FORMAT',
        '5 WEBSITE WEBSITE_FORMAT',
      ].sort(),
    )
  })

  it('refuses an ОГРН or an ИНН twice in the file, and a file without the required columns', () => {
    const twice = [HEADER, ROWS[0]!, ROWS[0]!, lineOf({ ...cellsOf(ROWS[1]!), INN: RESOURCE_CENTRE.INN! })].join('\n')
    expect(PROVIDERS_KIND.read(table(twice)).problems.map(({ row, column, rule }) => [row, column, rule])).toEqual([
      [3, 'OGRN', 'REFERENCE_DUPLICATE'],
      [4, 'INN', 'PROVIDER_INN_DUPLICATE'],
    ])
    const columns = PROVIDERS_KIND.read(table('OGRN;NAME\n1129801103838;Центр')).problems
    expect(columns.map((problem) => problem.column)).toEqual([
      'INN',
      'KIND',
      'SIDE',
      'OKTMO',
      'REMOTE',
      'MUNICIPALITIES',
      'SERVICES',
    ])
  })
})

type Report = NonNullable<ImportReferenceMutation['importSocialReference']>

const IMPORT = /* GraphQL */ `
  mutation ($input: ReferenceImportInput!) {
    importSocialReference(input: $input) {
      ...ReferenceImportReportFields
    }
  }
  ${print(ReferenceImportReportFieldsFragmentDoc)}
`
const REFER = /* GraphQL */ `
  mutation ($input: ReferChildInput!) {
    referChild(input: $input) {
      id
    }
  }
`

describe.each(backends)('the registry of providers imported from a region’s file (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    const oktmos = new Set(ROWS.flatMap((line) => cellsOf(line).MUNICIPALITIES!.split(' ')))
    for (const oktmo of oktmos) await insertMunicipality(social.db, { oktmo, name: `МО ${oktmo}` })
  })
  afterAll(() => social?.stop())

  async function run(text: string, apply: boolean, validFrom?: string): Promise<Report> {
    const response = await social.query<ImportReferenceMutation>(
      IMPORT,
      {
        input: {
          kind: 'providers',
          fileName: 'providers.csv',
          content: Buffer.from(text).toString('base64'),
          apply,
          validFrom,
        },
      },
      viewers.administrator('social'),
    )
    expect(response.errors).toBeUndefined()
    return response.data!.importSocialReference!
  }
  const provider = (ogrn: string) =>
    social.db.selectFrom('provider').selectAll().where('ogrn', '=', ogrn).executeTakeFirstOrThrow()
  /** A referral of a new child to the provider, from a clinic, received yesterday. */
  const refer = async (providerId: string) =>
    social.query<{ referChild: { id: string } }>(REFER, {
      input: {
        providerId,
        childId: (await insertChild(social.db)).id,
        fromOrganisation: 'ГБУЗ «Детская поликлиника № 1»',
        reason: 'Задержка речевого развития',
        receivedOn: daysFromToday(-1),
      },
    })

  it('checks the sample in a dry run over the providers held, and writes nothing', async () => {
    // The demo region holds its providers before any file: the file must merge with them by ОГРН.
    await insertProvider(social.db, {
      ogrn: RESOURCE_CENTRE.OGRN!,
      inn: RESOURCE_CENTRE.INN!,
      side: 'SOCIAL',
      municipality_oktmo: RESOURCE_CENTRE.OKTMO!,
      moderation_status: 'APPROVED',
    })
    const second = cellsOf(ROWS[1]!)
    await insertProvider(social.db, {
      ogrn: second.OGRN!,
      inn: second.INN!,
      side: 'HEALTH',
      municipality_oktmo: second.OKTMO!,
      moderation_status: 'SUSPENDED',
      moderation_note: 'Приостановлена координатором',
    })
    const before = await snapshot(social.db)
    const report = await run(SAMPLE, false)
    expect(report).toMatchObject({ applied: false, added: ROWS.length, errorCount: 0 })
    expect(report.text).toContain('Реестр поставщиков, файл «providers.csv»')
    expect(await snapshot(social.db)).toEqual(before)
  })

  it('applies the sample merging by ОГРН, keeping the held providers’ moderation; again, it changes nothing', async () => {
    const held = await provider(RESOURCE_CENTRE.OGRN!)
    const report = await run(SAMPLE, true)
    expect(report).toMatchObject({ applied: true, added: ROWS.length })
    const providers = await social.db.selectFrom('provider').selectAll().execute()
    expect(providers).toHaveLength(ROWS.length)
    const centre = await provider(RESOURCE_CENTRE.OGRN!)
    expect(centre).toMatchObject({
      id: held.id,
      name: RESOURCE_CENTRE.NAME,
      kind: 'SOCIAL_SERVICE_CENTRE',
      remote_delivery: true,
      moderation_status: 'APPROVED',
      phone: '+78005553535',
      website: 'https://rannyaya-pomosch.example.ru',
    })
    const served = await social.db
      .selectFrom('provider_municipality')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('provider_id', '=', held.id)
      .executeTakeFirstOrThrow()
    expect(Number(served.count)).toBe(11)
    // A provider the coordinator suspended stays suspended: the file does not undo the hub's moderation.
    expect(await provider(cellsOf(ROWS[1]!).OGRN!)).toMatchObject({
      moderation_status: 'SUSPENDED',
      moderation_note: 'Приостановлена координатором',
    })
    // New to the hub: in the state the file states, and PENDING when it states none.
    expect(await provider(cellsOf(ROWS[2]!).OGRN!)).toMatchObject({ moderation_status: 'APPROVED' })
    expect(await provider(ENTREPRENEUR.OGRN!)).toMatchObject({
      inn: '980123456751',
      moderation_status: 'PENDING',
      address: 'г. Заозёрск, ул. Луговая, д. 7',
    })

    const after = await snapshot(social.db)
    const again = await run(SAMPLE, true)
    expect(again).toMatchObject({ added: 0, changed: 0, retired: 0, unchanged: ROWS.length })
    const { reference_import: _imports, ...rest } = await snapshot(social.db)
    const { reference_import: _before, ...expected } = after
    expect(rest).toEqual(expected)
  })

  it('takes a change of the details without approving anyone, and a state the file states anew', async () => {
    const third = cellsOf(ROWS[2]!)
    await social.db
      .updateTable('provider')
      .set({ moderation_status: 'SUSPENDED', moderation_note: 'Проверка лицензии' })
      .where('ogrn', '=', third.OGRN!)
      .execute()
    const report = await run(
      sampleWith({
        [third.OGRN!]: { ADDRESS: 'г. Заозёрск, пр. Мира, д. 1' },
        [ENTREPRENEUR.OGRN!]: { PHONE: '8 (912) 000-11-22' },
      }),
      true,
    )
    expect(report).toMatchObject({ changed: 2, added: 0, retired: 0 })
    expect(report.changes.map((change) => change.text)).toContain(
      `~ ${ENTREPRENEUR.OGRN}: телефон: +79120001122 (было +79123456789)`,
    )
    expect(await provider(third.OGRN!)).toMatchObject({
      address: 'г. Заозёрск, пр. Мира, д. 1',
      moderation_status: 'SUSPENDED',
      moderation_note: 'Проверка лицензии',
    })
    expect(await provider(ENTREPRENEUR.OGRN!)).toMatchObject({ phone: '+79120001122', moderation_status: 'PENDING' })

    await run(
      sampleWith({
        [third.OGRN!]: { ADDRESS: 'г. Заозёрск, пр. Мира, д. 1' },
        [ENTREPRENEUR.OGRN!]: { PHONE: '8 (912) 000-11-22', STATUS: 'Включена в реестр' },
      }),
      true,
    )
    expect(await provider(ENTREPRENEUR.OGRN!)).toMatchObject({ moderation_status: 'APPROVED' })
    expect(await provider(third.OGRN!)).toMatchObject({ moderation_status: 'SUSPENDED' })
  })

  it('lets an approved provider new from the file receive a referral', async () => {
    const centre = {
      ...RESOURCE_CENTRE,
      OGRN: '1029801000008',
      INN: '9801000016',
      NAME: 'ГБУ СО «Новый центр ранней помощи»',
      PHONE: '',
      EMAIL: '',
      WEBSITE: '',
    }
    const report = await run(sampleWith({}, [centre]), true)
    expect(report).toMatchObject({ added: 1, errorCount: 0 })
    const added = await provider(centre.OGRN)
    expect(added).toMatchObject({ side: 'SOCIAL', moderation_status: 'APPROVED' })
    const referred = await refer(added.id)
    expect(referred.errors).toBeUndefined()
  })

  it('suspends a provider the file no longer lists: no new referrals, the old ones keep it', async () => {
    const centre = await provider(RESOURCE_CENTRE.OGRN!)
    const old = await refer(centre.id)
    expect(old.errors).toBeUndefined()
    const tomorrow = daysFromToday(1)
    // The file leaves out the resource centre, and the centre the previous file added.
    const report = await run(sampleWith({ [RESOURCE_CENTRE.OGRN!]: null }), true, tomorrow)
    expect(report).toMatchObject({ retired: 2 })
    expect(await provider(RESOURCE_CENTRE.OGRN!)).toMatchObject({
      id: centre.id,
      moderation_status: 'SUSPENDED',
      moderation_note: expect.stringContaining('Нет в реестре поставщиков региона'),
    })
    const refused = await refer(centre.id)
    expect(refused.errors?.[0]?.extensions).toMatchObject({ rule: 'PROVIDER_NOT_APPROVED' })
    const kept = await social.db
      .selectFrom('referral')
      .select('provider_id')
      .where('id', '=', old.data!.referChild.id)
      .executeTakeFirstOrThrow()
    expect(kept.provider_id).toBe(centre.id)
    // The dictionary says what was in force on a day: the centre until the file's day.
    const reference = referenceView(social.db)
    expect(await findReferenceVersionOn(reference, 'providers', RESOURCE_CENTRE.OGRN!, daysFromToday(0))).toMatchObject(
      { name: RESOURCE_CENTRE.NAME },
    )
    expect(await findReferenceVersionOn(reference, 'providers', RESOURCE_CENTRE.OGRN!, tomorrow)).toBeUndefined()
  })

  it('refuses a file with an unknown municipality, a service not in the list or an ИНН another provider holds', async () => {
    const before = await snapshot(social.db)
    const third = cellsOf(ROWS[2]!)
    const fifth = cellsOf(ROWS[4]!)
    const report = await run(
      sampleWith(
        {
          [third.OGRN!]: { MUNICIPALITIES: '98701000 11111111', SERVICES: 'CONSULTATION NO_SUCH_SERVICE' },
          [ENTREPRENEUR.OGRN!]: { OKTMO: '22222222' },
          [fifth.OGRN!]: null,
        },
        [{ ...third, OGRN: '1029801000019', INN: fifth.INN! }],
      ),
      true,
      daysFromToday(1),
    )
    expect(report).toMatchObject({ applied: false, importId: null })
    // Row 6 on: one row before them is left out.
    expect(report.errors.map(({ row, column, rule }) => `${row} ${column} ${rule}`)).toEqual([
      '4 MUNICIPALITIES UNKNOWN_MUNICIPALITY',
      '4 SERVICES UNKNOWN_SERVICE',
      `${ROWS.length} OKTMO UNKNOWN_MUNICIPALITY`,
      `${ROWS.length + 1} INN PROVIDER_INN_TAKEN`,
    ])
    expect(report.errors.at(-1)!.message).toBe(`ИНН ${fifth.INN} в реестре у другого поставщика (ОГРН ${fifth.OGRN})`)
    expect(await snapshot(social.db)).toEqual(before)
  })
})
