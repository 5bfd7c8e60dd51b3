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
import { OKTMO_KIND, POPULATION_KIND } from '../../src/modules/providers/municipality-reference.js'
import {
  buildChild,
  insertChildren,
  insertMunicipality,
  insertProgramme,
  insertProvider,
} from '../support/factories.js'
import { socialSubgraph } from '../support/subgraph.js'

const SAMPLES = new URL('../../../../samples/reference/', import.meta.url)
/** The ОКТМО sample is in Windows-1251, as Росстат publishes the classifier. */
const OKTMO_SAMPLE = readFileSync(new URL('oktmo-sample.csv', SAMPLES))
const POPULATION_SAMPLE = readFileSync(new URL('population-sample.csv', SAMPLES), 'utf8')
const utf8 = new TextEncoder()
const oktmoText = new TextDecoder('windows-1251').decode(OKTMO_SAMPLE)
const table = (text: string) => readFileTable(utf8.encode(text)) as FileTable

const IMPORT = /* GraphQL */ `
  mutation ($input: ReferenceImportInput!) {
    importSocialReference(input: $input) {
      ...ReferenceImportReportFields
    }
  }
  ${print(ReferenceImportReportFieldsFragmentDoc)}
`
const INDICATORS = /* GraphQL */ `
  query ($period: PeriodInput!) {
    regionalIndicators(period: $period) {
      coverageByMunicipality {
        municipality {
          oktmo
        }
        population {
          year
          children
        }
        populationShare {
          part {
            count
            shown
          }
          total {
            figure
            count
          }
          percent
        }
      }
    }
  }
`
const administrator = viewers.administrator('social')
const TODAY = daysFromToday(0)
const LATER = daysFromToday(30)
/** The quarter the factories' programmes are signed in. */
const Q3 = { from: '2026-07-01', to: '2026-09-30' }
const CITY = '98701000'
const REMOTE_DISTRICT = '98625000'

type Report = NonNullable<ImportReferenceMutation['importSocialReference']>
interface Coverage {
  municipality: { oktmo: string }
  population: { year: number; children: number } | null
  populationShare: {
    part: { count: number | null; shown: string }
    total: { figure: string; count: number }
    percent: number | null
  } | null
}

const SAMPLE_CODES = [
  '98605000',
  '98610000',
  '98615000',
  '98620000',
  '98625000',
  '98630000',
  '98635000',
  '98640000',
  '98701000',
  '98705000',
  '98710000',
]

describe('the ОКТМО file as Росстат publishes it', () => {
  it('reads the Windows-1251 sample: the districts and okrugs, with the region’s remote flag', () => {
    const read = OKTMO_KIND.read(readFileTable(OKTMO_SAMPLE) as FileTable)
    expect(read.problems).toEqual([])
    expect(read.entries.map((entry) => entry.code).sort()).toEqual(SAMPLE_CODES)
    expect(read.entries.find((entry) => entry.code === '98605000')).toMatchObject({
      name: 'Северо-Озёрский муниципальный район',
      parentCode: null,
      active: true,
      attributes: { remote: false },
    })
    expect(read.entries.filter((entry) => entry.attributes?.remote).map((entry) => entry.code)).toEqual([
      '98625000',
      '98635000',
      '98640000',
    ])
  })

  it('names each wrong row by its column and rule', () => {
    const read = OKTMO_KIND.read(
      table(
        [
          'TER;KOD1;KOD2;KOD3;RAZDEL;NAME1;REMOTE',
          '98;601;000;000;1;Первый район;1',
          '98;6O2;000;000;1;Опечатка;0',
          '98;603;000;000;1;;0',
          '98;604;000;000;1;Четвёртый район;да',
          '98;601;000;000;1;Первый район ещё раз;0',
          '01;605;000;000;1;Чужой район;0',
          '98;601;101;000;1;Поселение;да',
        ].join('\n'),
      ),
    )
    expect(read.entries.map((entry) => entry.code)).toEqual(['98601000'])
    expect(read.problems).toEqual([
      { row: 3, column: 'KOD1', rule: 'OKTMO_FILE_CODE' },
      { row: 4, column: 'NAME1', rule: 'REFERENCE_REQUIRED' },
      { row: 5, column: 'REMOTE', rule: 'OKTMO_REMOTE' },
      { row: 6, column: 'KOD1', rule: 'REFERENCE_DUPLICATE', params: { code: '98601000', row: 2 } },
      { row: 7, column: 'TER', rule: 'OKTMO_REGIONS', params: { regions: '98, 01' } },
    ])
    expect(OKTMO_KIND.read(table('TER;KOD1;NAME1\n98;601;Район')).problems).toEqual([
      { row: 1, column: 'KOD2', rule: 'REFERENCE_COLUMN_MISSING', params: { column: 'KOD2' } },
      { row: 1, column: 'KOD3', rule: 'REFERENCE_COLUMN_MISSING', params: { column: 'KOD3' } },
    ])
  })

  it('reads children aged 0–3 by municipality and year, each year a part of its own', () => {
    const read = POPULATION_KIND.read(table(POPULATION_SAMPLE))
    expect(read.problems).toEqual([])
    expect(read.entries).toHaveLength(22)
    expect(read.entries[0]).toMatchObject({ code: '98701000:2025', attributes: { oktmo: CITY, year: 2025 } })
    expect(POPULATION_KIND.scope!('98701000:2025')).toBe('2025')
    const broken = POPULATION_KIND.read(
      table(
        [
          'OKTMO;YEAR;CHILDREN_0_3',
          '9870100;2025;10',
          '98701000;25;10',
          '98701000;2025;-3',
          '98701000;2025;1 204',
        ].join('\n'),
      ),
    )
    expect(broken.problems).toEqual([
      { row: 2, column: 'OKTMO', rule: 'OKTMO_FORMAT' },
      { row: 3, column: 'YEAR', rule: 'NUMBER_RANGE', params: { min: 1990, max: 2100 } },
      { row: 4, column: 'CHILDREN_0_3', rule: 'NUMBER_AT_LEAST', params: { min: 0 } },
    ])
    expect(broken.entries).toEqual([
      expect.objectContaining({ attributes: { oktmo: CITY, year: 2025, children: 1204 } }),
    ])
  })
})

describe.each(backends)(
  'the region’s municipalities and their children aged 0–3 imported into social (%s)',
  (backend) => {
    let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

    beforeAll(async () => {
      social = await startSubgraphForTest<DB>(socialSubgraph, backend)
      // What a hub started on the demo holds: the same city, and a district the classifier does not list.
      await insertMunicipality(social.db, { oktmo: CITY, name: 'г. Светлогорск' })
      await insertMunicipality(social.db, { oktmo: '98999000', name: 'Демонстрационный район' })
    })
    afterAll(() => social?.stop())

    async function importFile(
      kind: string,
      content: Uint8Array | string,
      options: { apply: boolean; validFrom?: string },
    ) {
      const response = await social.query<ImportReferenceMutation>(
        IMPORT,
        {
          input: {
            kind,
            fileName: `${kind}.csv`,
            content: Buffer.from(content).toString('base64'),
            apply: options.apply,
            validFrom: options.validFrom,
          },
        },
        administrator,
      )
      expect(response.errors).toBeUndefined()
      return response.data!.importSocialReference as Report
    }
    const municipalities = () => social.db.selectFrom('municipality').selectAll().orderBy('oktmo').execute()
    const pickList = async () =>
      (await social.query<{ municipalities: { oktmo: string }[] }>('{ municipalities { oktmo } }'))
        .data!.municipalities.map((municipality) => municipality.oktmo)
        .sort()

    it('checks the sample in a dry run and writes nothing', async () => {
      const before = await snapshot(social.db)
      const checked = await importFile('oktmo', OKTMO_SAMPLE, { apply: false })
      expect(checked).toMatchObject({ kindName: 'ОКТМО', applied: false, added: 11, changed: 0, retired: 0 })
      expect(checked.text).toContain('+ 98625000 Каменский муниципальный район')
      expect(await snapshot(social.db)).toEqual(before)
    })

    it('applies the sample: the city keeps its name, the districts arrive with their flag, the demo’s own leaves', async () => {
      const applied = await importFile('oktmo', OKTMO_SAMPLE, { apply: true })
      expect(applied).toMatchObject({ applied: true, added: 11, errorCount: 0 })
      const rows = await municipalities()
      expect(rows.find((row) => row.oktmo === CITY)).toMatchObject({ name: 'г. Светлогорск', remote: false })
      expect(rows.find((row) => row.oktmo === REMOTE_DISTRICT)).toMatchObject({ remote: true, retired_on: null })
      expect(rows.find((row) => row.oktmo === '98999000')).toMatchObject({ retired_on: TODAY })
      expect(await pickList()).toEqual(SAMPLE_CODES)

      const again = await importFile('oktmo', OKTMO_SAMPLE, { apply: true })
      expect(again).toMatchObject({ added: 0, changed: 0, retired: 0, unchanged: 11 })
      expect(await municipalities()).toEqual(rows)
    })

    it('renames, flags and retires from a later file, keeping the retired one and what was in force before', async () => {
      const next = oktmoText
        .split('\r\n')
        .filter((line) => !line.includes('"640";"000"'))
        .map((line) =>
          line
            .replace('"г. Верхнекамск"', '"Верхнекамский городской округ"')
            .replace(/("Берёзовский муниципальный район".*)"0"$/, '$1"1"'),
        )
        .join('\r\n')
      const report = await importFile('oktmo', next, { apply: true, validFrom: LATER })
      expect(report).toMatchObject({ added: 0, changed: 2, retired: 1, unchanged: 8 })
      expect(report.text).toContain('~ 98705000: «г. Верхнекамск» → «Верхнекамский городской округ»')
      expect(report.text).toContain('~ 98615000: отдалённое: да (было нет)')
      expect(report.text).toContain('− 98640000 Ключевской муниципальный район: не действует с')
      const rows = await municipalities()
      expect(rows.find((row) => row.oktmo === '98705000')).toMatchObject({ name: 'Верхнекамский городской округ' })
      expect(rows.find((row) => row.oktmo === '98615000')).toMatchObject({ remote: true })
      expect(rows.find((row) => row.oktmo === '98640000')).toMatchObject({ retired_on: LATER })
      expect(await pickList()).not.toContain('98640000')
      const db = referenceView(social.db)
      expect(await findReferenceVersionOn(db, 'oktmo', '98705000', TODAY)).toMatchObject({ name: 'г. Верхнекамск' })
      expect(await findReferenceVersionOn(db, 'oktmo', '98705000', LATER)).toMatchObject({
        name: 'Верхнекамский городской округ',
      })
      expect(await findReferenceVersionOn(db, 'oktmo', '98640000', LATER)).toBeUndefined()
    })

    it('refuses children of a municipality the hub does not know, and writes nothing', async () => {
      const before = await snapshot(social.db)
      const report = await importFile('population', 'OKTMO;YEAR;CHILDREN_0_3\n98701000;2025;10\n12345000;2025;7', {
        apply: true,
      })
      expect(report).toMatchObject({ applied: false, errorCount: 1 })
      expect(report.errors).toEqual([
        {
          row: 3,
          column: 'OKTMO',
          rule: 'UNKNOWN_MUNICIPALITY',
          message: 'В регионе нет муниципального образования с кодом ОКТМО 12345000',
        },
      ])
      expect(await snapshot(social.db)).toEqual(before)
    })

    it('keeps each year’s children: a file of one year corrects that year, leaves the others, and a second run changes nothing', async () => {
      const applied = await importFile('population', POPULATION_SAMPLE, { apply: true })
      expect(applied).toMatchObject({ applied: true, added: 22, retired: 0 })
      // A corrected file of 2026: complete for that year, silent about 2025.
      const year2026 = POPULATION_SAMPLE.split('\n')
        .filter((line, index) => index === 0 || line.includes(';2026;'))
        .map((line) => (line.startsWith(`${CITY};`) ? `${CITY};2026;2800` : line))
        .join('\n')
      const corrected = await importFile('population', year2026, { apply: true })
      expect(corrected).toMatchObject({ added: 0, changed: 1, retired: 0, unchanged: 10 })
      expect(corrected.text).toContain(`~ ${CITY}:2026: детей 0–3 лет: 2800 (было 2765)`)
      const rows = await social.db.selectFrom('municipality_population').selectAll().execute()
      expect(rows).toHaveLength(22)
      expect(rows.find((row) => row.municipality_oktmo === CITY && row.year === 2026)?.children_0_3).toBe(2800)
      expect(rows.find((row) => row.municipality_oktmo === CITY && row.year === 2025)?.children_0_3).toBe(2810)
      const again = await importFile('population', year2026, { apply: true })
      expect(again).toMatchObject({ added: 0, changed: 0, retired: 0, unchanged: 11 })
    })

    it('shows the coverage of the population beside each municipality’s coverage, an analyst’s as hidden as the count', async () => {
      const provider = await insertProvider(social.db)
      const children = [
        ...Array.from({ length: 12 }, () => buildChild({ municipality_oktmo: CITY })),
        ...Array.from({ length: 2 }, () => buildChild({ municipality_oktmo: REMOTE_DISTRICT })),
      ]
      await insertChildren(social.db, children)
      for (const child of children) await insertProgramme(social.db, child.id, provider.id)
      const coverage = async (as = viewers.coordinator('regional')) => {
        const response = await social.query<{ regionalIndicators: { coverageByMunicipality: Coverage[] } }>(
          INDICATORS,
          { period: Q3 },
          as,
        )
        expect(response.errors).toBeUndefined()
        const rows = response.data!.regionalIndicators.coverageByMunicipality
        return (oktmo: string) => rows.find((row) => row.municipality.oktmo === oktmo)!
      }
      const exact = await coverage()
      expect(exact(CITY)).toMatchObject({
        population: { year: 2026, children: 2800 },
        populationShare: { part: { count: 12 }, total: { figure: 'POPULATION_0_3', count: 2800 }, percent: 0.4 },
      })
      expect(exact(REMOTE_DISTRICT).populationShare).toMatchObject({ part: { count: 2 }, percent: 1 })
      // The district retired from the classifier is no longer split out; the demo's own never had a population.
      expect(exact('98640000')).toBeUndefined()

      const analyst = await coverage(viewers.analyst('regional'))
      expect(analyst(REMOTE_DISTRICT)).toMatchObject({
        population: { year: 2026, children: 204 },
        populationShare: { part: { count: null, shown: '<5' }, total: { count: 204 }, percent: null },
      })
      // The city's is hidden with it, so that the region's total less the city's does not give the district's two.
      expect(analyst(CITY)).toMatchObject({
        population: { children: 2800 },
        populationShare: { part: { count: null }, percent: null },
      })
    })

    it('measures a period against the latest year counted up to it', async () => {
      await importFile('population', `OKTMO;YEAR;CHILDREN_0_3\n98705000;2027;999`, { apply: true })
      const response = await social.query<{ regionalIndicators: { coverageByMunicipality: Coverage[] } }>(
        INDICATORS,
        { period: Q3 },
        viewers.coordinator('regional'),
      )
      const city = response.data!.regionalIndicators.coverageByMunicipality.find(
        (row) => row.municipality.oktmo === '98705000',
      )!
      expect(city.population).toEqual({ year: 2026, children: 1172 })
    })

    it('lets only social’s administrators import', async () => {
      const before = await snapshot(social.db)
      const response = await social.query(
        IMPORT,
        { input: { kind: 'oktmo', fileName: 'oktmo.csv', content: OKTMO_SAMPLE.toString('base64'), apply: true } },
        viewers.coordinator('social'),
      )
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      expect(await snapshot(social.db)).toEqual(before)
    })
  },
)
