import { print } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MunicipalityBoundariesDocument,
  type ImportReferenceMutation,
  type MunicipalityBoundariesQuery,
} from '@hub/schema/operations'
import type { Geometry, Polygon } from '@hub/platform/geometry'
import { readFileTable, type FileTable } from '@hub/subgraph-kit/reference/file'
import { importReference } from '@hub/subgraph-kit/reference/import'
import { countReferenceEntries, findReferenceVersionOn } from '@hub/subgraph-kit/reference/reference.queries'
import { referenceView, type ReferenceDatabase } from '@hub/subgraph-kit/reference/tables'
import { viewers } from '@hub/testing/auth'
import { backends, openTestDatabase, type TestDatabase } from '@hub/testing/databases'
import { box } from '@hub/testing/geometry'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, snapshot } from '@hub/testing/writes'
import type { DB } from '../../src/db/database.js'
import { BOUNDARIES_KIND, readBoundaries } from '../../src/modules/providers/services/boundaries.js'
import { SOCIAL_REFERENCE_KINDS } from '../../src/reference.js'
import { insertMunicipality } from '../support/factories.js'
import { socialSubgraph } from '../support/subgraph.js'

/**
 * Three municipalities of a made-up region: a district in two parts, the first with a hole where a town lies; the town;
 * and a district east of the first.
 */
const WEST = { oktmo: '99610000', name: 'Западный муниципальный район' }
const TOWN = { oktmo: '99701000', name: 'г. Озёрный' }
const EAST = { oktmo: '99620000', name: 'Восточный муниципальный район' }
const MUNICIPALITIES = [WEST, TOWN, EAST]

const WEST_GEOMETRY = {
  type: 'MultiPolygon',
  coordinates: [[box(40, 55, 41, 56), box(40.2, 55.2, 40.4, 55.4).reverse()], [box(40, 56.2, 40.3, 56.4)]],
}
/** The east district drawn as a bow tie: its ring crosses itself between its first and third segments. */
const BOW_TIE = {
  type: 'Polygon',
  coordinates: [
    [
      [41, 55],
      [42, 56],
      [42, 55],
      [41, 56],
      [41, 55],
    ],
  ],
}
const TOWN_GEOMETRY = { type: 'Polygon', coordinates: [box(40.2, 55.2, 40.4, 55.4)] }
const EAST_GEOMETRY = { type: 'Polygon', coordinates: [box(41, 55, 42, 56)] }

interface Feature {
  oktmo?: string
  name?: string
  geometry: unknown
  key?: string
}

const geojson = (features: readonly Feature[]) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: features.map(({ oktmo, name, geometry, key = 'OKTMO' }) => ({
      type: 'Feature',
      properties: { [key]: oktmo, name },
      geometry,
    })),
  })

const REGION: Feature[] = [
  { ...WEST, geometry: WEST_GEOMETRY },
  { ...TOWN, geometry: TOWN_GEOMETRY },
  { ...EAST, geometry: EAST_GEOMETRY },
]

const read = (features: readonly Feature[]) =>
  readBoundaries(readFileTable(new TextEncoder().encode(geojson(features))) as FileTable)

/** The problems of a file, as row, column, rule and the ОКТМО they name. */
const problemsOf = (features: readonly Feature[]) =>
  read(features).problems.map(({ row, column, rule, params }) => ({ row, column, rule, oktmo: params?.oktmo }))

describe('a boundaries file (GeoJSON) read as the kind «boundaries»', () => {
  it('keeps a MultiPolygon with its hole, each municipality under its ОКТМО, whichever way the property is spelt', () => {
    const { entries, problems } = read([
      { ...WEST, geometry: WEST_GEOMETRY, key: 'oktmo' },
      { ...TOWN, geometry: TOWN_GEOMETRY, key: 'OKTMO_CODE' },
      { ...EAST, geometry: EAST_GEOMETRY, key: 'ОКТМО' },
    ])
    expect(problems).toEqual([])
    expect(entries.map(({ row, code, name }) => ({ row, code, name }))).toEqual([
      { row: 1, code: WEST.oktmo, name: WEST.name },
      { row: 2, code: TOWN.oktmo, name: TOWN.name },
      { row: 3, code: EAST.oktmo, name: EAST.name },
    ])
    expect(entries[0]!.attributes).toEqual({ boundary: WEST_GEOMETRY })
  })

  it('turns rings the way RFC 7946 wants, so that a map fills the outer ring and leaves the hole', () => {
    const clockwise = {
      type: 'Polygon',
      coordinates: [box(40, 55, 41, 56).reverse(), box(40.2, 55.2, 40.4, 55.4)],
    }
    const [west] = read([{ ...WEST, geometry: clockwise }]).entries
    expect((west!.attributes!.boundary as Geometry).coordinates).toEqual(WEST_GEOMETRY.coordinates[0])
  })

  it('refuses a ring that crosses itself, naming the feature, the ring and the segments', () => {
    const { problems } = read([REGION[0]!, REGION[1]!, { ...EAST, geometry: BOW_TIE }])
    expect(problems).toEqual([
      {
        row: 3,
        column: 'GEOMETRY',
        rule: 'BOUNDARY_SELF_INTERSECTION',
        params: { oktmo: EAST.oktmo, ring: 'внешний контур', first: 1, second: 3 },
      },
    ])
  })

  it('refuses an open ring, a ring of three points, a point off the globe and a hole outside its polygon', () => {
    const open = { type: 'Polygon', coordinates: [box(41, 55, 42, 56).slice(0, 4)] }
    const short = {
      type: 'Polygon',
      coordinates: [
        [
          [41, 55],
          [42, 55],
          [41, 55],
        ],
      ],
    }
    const offGlobe = { type: 'Polygon', coordinates: [box(41, 55, 42, 96)] }
    const holeOutside = { type: 'Polygon', coordinates: [box(41, 55, 42, 56), box(41.5, 55.5, 42.5, 55.8)] }
    expect(problemsOf([{ ...EAST, geometry: open }])).toEqual([
      { row: 1, column: 'GEOMETRY', rule: 'BOUNDARY_RING_OPEN', oktmo: EAST.oktmo },
    ])
    expect(problemsOf([{ ...EAST, geometry: short }])).toEqual([
      { row: 1, column: 'GEOMETRY', rule: 'BOUNDARY_RING_SHORT', oktmo: EAST.oktmo },
    ])
    expect(read([{ ...EAST, geometry: offGlobe }]).problems).toEqual([
      {
        row: 1,
        column: 'GEOMETRY',
        rule: 'BOUNDARY_COORDINATES',
        params: { oktmo: EAST.oktmo, ring: 'внешний контур', point: 3 },
      },
    ])
    expect(read([{ ...EAST, geometry: holeOutside }]).problems).toEqual([
      { row: 1, column: 'GEOMETRY', rule: 'BOUNDARY_HOLE_OUTSIDE', params: { oktmo: EAST.oktmo, ring: 'отверстие 1' } },
    ])
  })

  it('refuses a geometry other than a Polygon or a MultiPolygon, an ОКТМО of the wrong form and one given twice', () => {
    expect(
      problemsOf([
        { ...WEST, geometry: { type: 'Point', coordinates: [40, 55] } },
        { oktmo: '9970100', name: TOWN.name, geometry: TOWN_GEOMETRY },
        { ...EAST, oktmo: WEST.oktmo, geometry: EAST_GEOMETRY },
      ]),
    ).toEqual([
      { row: 1, column: 'GEOMETRY', rule: 'BOUNDARY_GEOMETRY', oktmo: WEST.oktmo },
      { row: 2, column: 'OKTMO', rule: 'OKTMO_FORMAT', oktmo: undefined },
      { row: 3, column: 'OKTMO', rule: 'REFERENCE_DUPLICATE', oktmo: undefined },
    ])
  })

  it('refuses neighbours that overlap beyond 0.1 % of the smaller, and lets a sliver within it pass', () => {
    const overlapping = { type: 'Polygon', coordinates: [box(40.9, 55, 42, 56)] }
    expect(read([REGION[0]!, REGION[1]!, { ...EAST, geometry: overlapping }]).problems).toEqual([
      {
        row: 3,
        column: 'GEOMETRY',
        rule: 'BOUNDARY_OVERLAP',
        params: { oktmo: EAST.oktmo, other: WEST.oktmo, otherRow: 1, percent: '9,8', tolerance: '0,1' },
      },
    ])
    const sliver = { type: 'Polygon', coordinates: [box(40.9995, 55, 42, 56)] }
    expect(read([REGION[0]!, REGION[1]!, { ...EAST, geometry: sliver }]).problems).toEqual([])
  })

  it('draws a region across 180° continuously, and checks its overlaps on those longitudes', () => {
    // Chukotka-like: one district reaches from 179° E across the antimeridian to 179° W, one lies wholly west of it.
    const across = {
      type: 'Polygon',
      coordinates: [
        [
          [179, 65],
          [-179, 65],
          [-179, 66],
          [179, 66],
          [179, 65],
        ],
      ],
    }
    const west = { type: 'Polygon', coordinates: [box(178, 65, 179, 66)] }
    const east = { type: 'Polygon', coordinates: [box(-179, 65, -178, 66)] }
    const { entries, problems } = read([
      { ...WEST, geometry: west },
      { ...TOWN, geometry: across },
      { ...EAST, geometry: east },
    ])
    expect(problems).toEqual([])
    expect(entries.map((entry) => (entry.attributes!.boundary as Geometry).coordinates)).toEqual([
      [box(178, 65, 179, 66)],
      [box(179, 65, 181, 66)],
      [box(181, 65, 182, 66)],
    ])
    const overlapping = { type: 'Polygon', coordinates: [box(-179.5, 65, -178, 66)] }
    expect(
      problemsOf([
        { ...TOWN, geometry: across },
        { ...EAST, geometry: overlapping },
      ]),
    ).toEqual([{ row: 2, column: 'GEOMETRY', rule: 'BOUNDARY_OVERLAP', oktmo: EAST.oktmo }])
  })
})

describe.each(backends)('importing boundaries into social (%s)', (backend) => {
  let database: TestDatabase<DB>
  let db: ReferenceDatabase
  const run = (features: readonly Feature[], options: { apply?: boolean; validFrom?: string } = {}) =>
    importReference(db, SOCIAL_REFERENCE_KINDS, 'test-admin', {
      kind: 'boundaries',
      fileName: 'boundaries.geojson',
      content: Buffer.from(geojson(features)).toString('base64'),
      ...options,
    })
  const boundaries = async () =>
    Object.fromEntries(
      (await database.db.selectFrom('municipality').select(['oktmo', 'boundary']).execute()).map((row) => [
        row.oktmo,
        row.boundary,
      ]),
    )

  beforeAll(async () => {
    database = await openTestDatabase<DB>(socialSubgraph, backend)
    db = referenceView(database.db)
    await database.db.deleteFrom('municipality').execute()
    for (const municipality of MUNICIPALITIES) await insertMunicipality(database.db, municipality)
  })
  afterAll(() => database?.close())

  it('is one of the dictionaries social imports', () => {
    expect(SOCIAL_REFERENCE_KINDS).toContain(BOUNDARIES_KIND)
  })

  it('refuses an ОКТМО the region does not have and a municipality without a feature, writing nothing', async () => {
    const before = await snapshot(database.db)
    const report = await run([REGION[0]!, { ...REGION[1]!, oktmo: '99999000' }], { apply: true })
    expect(report.errors.map(({ row, column, rule }) => ({ row, column, rule }))).toEqual([
      { row: 2, column: 'OKTMO', rule: 'UNKNOWN_MUNICIPALITY' },
      { row: 1, column: null, rule: 'BOUNDARY_MISSING' },
      { row: 1, column: null, rule: 'BOUNDARY_MISSING' },
    ])
    expect(report.text).toContain(
      'Строка 2, столбец OKTMO: В регионе нет муниципального образования с кодом ОКТМО 99999000',
    )
    expect(report.text).toContain(`Нет границы муниципального образования ${EAST.oktmo} «${EAST.name}»`)
    expect(await snapshot(database.db)).toEqual(before)
  })

  it('reports a self-intersection in Russian, naming the row, the column and the rule', async () => {
    const report = await run([REGION[0]!, REGION[1]!, { ...EAST, geometry: BOW_TIE }])
    expect(report.text).toContain(
      `Строка 3, столбец GEOMETRY: Граница ${EAST.oktmo}, внешний контур: контур пересекает или касается сам себя (отрезки 1 и 3) (BOUNDARY_SELF_INTERSECTION)`,
    )
  })

  it('writes nothing on a dry run', async () => {
    const before = await snapshot(database.db)
    const report = await run(REGION)
    expect(report).toMatchObject({ applied: false, added: 3, errorCount: 0 })
    expect(await snapshot(database.db)).toEqual(before)
  })

  it('sets the boundaries of the municipalities on apply, and a second apply changes nothing', async () => {
    const first = await run(REGION, { apply: true, validFrom: daysFromToday(-20) })
    expect(first).toMatchObject({ applied: true, added: 3 })
    expect(await boundaries()).toEqual({
      [WEST.oktmo]: WEST_GEOMETRY,
      [TOWN.oktmo]: TOWN_GEOMETRY,
      [EAST.oktmo]: EAST_GEOMETRY,
    })
    const before = await boundaries()
    const second = await run(REGION, { apply: true, validFrom: daysFromToday(-20) })
    expect(second).toMatchObject({ added: 0, changed: 0, retired: 0, unchanged: 3 })
    expect(second.text).toContain('изменений нет')
    expect(await boundaries()).toEqual(before)
    expect(await countReferenceEntries(db, 'boundaries')).toEqual({ entries: 3, active: 3 })
  })

  it('keeps the boundary that was in force on a day when a later file moves a border', async () => {
    const moved = (west: number): Polygon => [box(west, 55, 42, 56)]
    const westMoved = {
      type: 'MultiPolygon',
      coordinates: [[box(40, 55, 40.8, 56), box(40.2, 55.2, 40.4, 55.4).reverse()], [box(40, 56.2, 40.3, 56.4)]],
    }
    const report = await run(
      [
        { ...WEST, geometry: westMoved },
        REGION[1]!,
        { ...EAST, geometry: { type: 'Polygon', coordinates: moved(40.8) } },
      ],
      { apply: true, validFrom: daysFromToday(-5) },
    )
    expect(report).toMatchObject({ changed: 2, unchanged: 1 })
    expect(report.text).toContain(`~ ${EAST.oktmo}: граница: изменено`)
    expect((await boundaries())[EAST.oktmo]).toEqual({ type: 'Polygon', coordinates: moved(40.8) })
    expect(await findReferenceVersionOn(db, 'boundaries', EAST.oktmo, daysFromToday(-10))).toMatchObject({
      attributes: { boundary: EAST_GEOMETRY },
    })
    expect(await findReferenceVersionOn(db, 'boundaries', EAST.oktmo, daysFromToday(-5))).toMatchObject({
      attributes: { boundary: { type: 'Polygon', coordinates: moved(40.8) } },
    })
  })
})

describe.each(backends)('boundaries through social’s API (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  const IMPORT = /* GraphQL */ `
    mutation ($input: ReferenceImportInput!) {
      importSocialReference(input: $input) {
        applied
        added
        errorCount
      }
    }
  `
  const importAs = (as: ReturnType<typeof viewers.administrator>) =>
    social.query<ImportReferenceMutation>(
      IMPORT,
      {
        input: {
          kind: 'boundaries',
          fileName: 'boundaries.geojson',
          content: Buffer.from(geojson(REGION)).toString('base64'),
          apply: true,
        },
      },
      as,
    )

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    await social.db.deleteFrom('municipality').execute()
    for (const municipality of MUNICIPALITIES) await insertMunicipality(social.db, municipality)
  })
  afterAll(() => social?.stop())

  it('lets only social’s administrators import them, and then serves them to the map', async () => {
    for (const as of [viewers.coordinator('social'), viewers.administrator('health')]) {
      const before = await snapshot(social.db)
      expect((await importAs(as)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      expect(await snapshot(social.db)).toEqual(before)
    }
    const imported = await importAs(viewers.administrator('social'))
    expect(imported.data?.importSocialReference).toEqual({ applied: true, added: 3, errorCount: 0 })
    const map = await social.query<MunicipalityBoundariesQuery>(
      print(MunicipalityBoundariesDocument),
      {},
      viewers.coordinator('social'),
    )
    expect(Object.fromEntries(map.data!.municipalities.map((m) => [m.oktmo, m.boundary]))).toEqual({
      [WEST.oktmo]: WEST_GEOMETRY,
      [TOWN.oktmo]: TOWN_GEOMETRY,
      [EAST.oktmo]: EAST_GEOMETRY,
    })
  })
})
