import type { Kysely } from 'kysely'
import polygonClipping, { type MultiPolygon as ClippedShape, type Polygon as ClippedPolygon } from 'polygon-clipping'
import {
  continuousLongitudes,
  polygonsOf,
  selfIntersection,
  signedArea,
  type Geometry,
  type Polygon,
  type Ring,
} from '@hub/platform/geometry'
import type { FileProblem } from '@hub/subgraph-kit/reference/file'
import type { ReadEntries, ReferenceKind } from '@hub/subgraph-kit/reference/kinds'
import type { ReferenceDatabase } from '@hub/subgraph-kit/reference/tables'
import type { DB } from '../../../db/database.js'
import { listMunicipalities, updateMunicipalityBoundary } from '../queries/municipality.queries.js'

/** The properties a file may name a feature's ОКТМО by (upper-cased, as the kit reads them), in order of preference. */
export const OKTMO_PROPERTIES = ['OKTMO', 'OKTMO_CODE', 'OKTMO_ID', 'ОКТМО', 'КОД_ОКТМО']
/** The properties a file may name a municipality by; absent, the entry is named by its ОКТМО. */
export const NAME_PROPERTIES = ['NAME', 'NAME_RU', 'НАЗВАНИЕ']

/** How much of the smaller of two neighbours they may share: the slivers that different simplifications leave. */
export const OVERLAP_TOLERANCE = 0.001

const OKTMO = /^[0-9]{8}$/

/** The municipality's tables seen from the dictionary's transaction, which runs in social's own database. */
const socialView = (db: ReferenceDatabase) => db as unknown as Kysely<DB>

const percentText = (share: number) => (share * 100).toLocaleString('ru-RU', { maximumFractionDigits: 2 })

/** Where a ring lies in a feature's geometry, in the words of a problem's message. */
function ringName(geometry: Geometry['type'], polygon: number, ring: number) {
  const part = ring === 0 ? 'внешний контур' : `отверстие ${ring}`
  return geometry === 'Polygon' ? part : `полигон ${polygon + 1}, ${part}`
}

const isPosition = (value: unknown): value is number[] =>
  Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === 'number' && Number.isFinite(n))

/** The GeoJSON geometry of a feature when it is a Polygon or a MultiPolygon of positions; else null. */
function parseGeometry(text: string): Geometry | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  const { type, coordinates } = (value ?? {}) as { type?: unknown; coordinates?: unknown }
  const isRing = (ring: unknown) => Array.isArray(ring) && ring.every(isPosition)
  const isPolygon = (polygon: unknown) => Array.isArray(polygon) && polygon.length > 0 && polygon.every(isRing)
  if (type === 'Polygon' && isPolygon(coordinates)) return { type, coordinates: coordinates as Polygon }
  if (type === 'MultiPolygon' && Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isPolygon))
    return { type, coordinates: coordinates as Polygon[] }
  return null
}

/** A ring as the hub keeps it: longitude and latitude only, and no vertex repeated next to itself. */
const cleanRing = (ring: Ring) =>
  ring
    .map(([lon, lat]) => [lon!, lat!])
    .filter((point, k, all) => k === 0 || point[0] !== all[k - 1]![0] || point[1] !== all[k - 1]![1])

/** A polygon turned the way RFC 7946 wants (outer ring anticlockwise, holes clockwise): a map fills it, not its holes. */
const rewound = (polygon: Polygon): Polygon =>
  polygon.map((ring, r) => ((r === 0) === signedArea(ring) < 0 ? [...ring].reverse() : ring))

function mapPolygons(geometry: Geometry, map: (polygon: Polygon, index: number) => Polygon): Geometry {
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: map(geometry.coordinates, 0) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(map) }
}

/** The problems of the form of each ring of a feature's geometry: off the globe, too short, not closed. */
function ringProblems(geometry: Geometry, oktmo: string, row: number): FileProblem[] {
  return polygonsOf(geometry).flatMap((polygon, p) =>
    polygon.flatMap((ring, r): FileProblem[] => {
      const at = { row, column: 'GEOMETRY' }
      const params = { oktmo, ring: ringName(geometry.type, p, r) }
      const outside = ring.findIndex(([lon, lat]) => Math.abs(lon!) > 180 || Math.abs(lat!) > 90)
      if (outside >= 0) return [{ ...at, rule: 'BOUNDARY_COORDINATES', params: { ...params, point: outside + 1 } }]
      if (ring.length < 4) return [{ ...at, rule: 'BOUNDARY_RING_SHORT', params }]
      if (ring[0]![0] !== ring.at(-1)![0] || ring[0]![1] !== ring.at(-1)![1])
        return [{ ...at, rule: 'BOUNDARY_RING_OPEN', params }]
      return []
    }),
  )
}

/** The rings of a feature that cross or touch themselves, with the first two segments that meet. */
function crossingProblems({ row, oktmo, geometry }: Feature): FileProblem[] {
  return polygonsOf(geometry).flatMap((polygon, p) =>
    polygon.flatMap((ring, r): FileProblem[] => {
      const crossing = selfIntersection(ring)
      if (!crossing) return []
      const [first, second] = crossing.map((segment) => segment + 1) as [number, number]
      const params = { oktmo, ring: ringName(geometry.type, p, r), first, second }
      return [{ row, column: 'GEOMETRY', rule: 'BOUNDARY_SELF_INTERSECTION', params }]
    }),
  )
}

const clipped = (polygon: Polygon): ClippedPolygon =>
  polygon.map((ring) => ring.map(([lon, lat]) => [lon!, lat!] as [number, number]))

/** The plane area of a shape in square degrees: enough to compare neighbours' shares. */
const areaOf = (shape: ClippedShape) =>
  shape.reduce(
    (sum, [outer, ...holes]) =>
      sum + Math.abs(signedArea(outer ?? [])) - holes.reduce((h, ring) => h + Math.abs(signedArea(ring)), 0),
    0,
  )

interface Feature {
  row: number
  oktmo: string
  geometry: Geometry
}

function boundingBox(geometry: Geometry) {
  const positions = polygonsOf(geometry).flatMap((polygon) => polygon[0] ?? [])
  const lons = positions.map(([lon]) => lon!)
  const lats = positions.map(([, lat]) => lat!)
  return { west: Math.min(...lons), east: Math.max(...lons), south: Math.min(...lats), north: Math.max(...lats) }
}

/** The holes that reach out of their polygon's outer ring, beyond the tolerance. */
function holeProblems({ row, oktmo, geometry }: Feature): FileProblem[] {
  return polygonsOf(geometry).flatMap(([outer, ...holes], p) =>
    holes.flatMap((hole, h) => {
      const out = areaOf(polygonClipping.difference(clipped([hole]), clipped([outer!])))
      return out > OVERLAP_TOLERANCE * Math.abs(signedArea(hole))
        ? [
            {
              row,
              column: 'GEOMETRY',
              rule: 'BOUNDARY_HOLE_OUTSIDE' as const,
              params: { oktmo, ring: ringName(geometry.type, p, h + 1) },
            },
          ]
        : []
    }),
  )
}

/** Each pair of features sharing more than the tolerance of the smaller's area, named at the later one's row. */
function overlapProblems(features: readonly Feature[]): FileProblem[] {
  const shaped = features.map((feature) => ({
    ...feature,
    box: boundingBox(feature.geometry),
    shape: polygonsOf(feature.geometry).map(clipped),
  }))
  const areas = shaped.map(({ shape }) => areaOf(shape))
  const problems: FileProblem[] = []
  shaped.forEach((one, i) => {
    for (let j = 0; j < i; j++) {
      const other = shaped[j]!
      if (one.box.west > other.box.east || other.box.west > one.box.east) continue
      if (one.box.south > other.box.north || other.box.south > one.box.north) continue
      const share = areaOf(polygonClipping.intersection(one.shape, other.shape)) / Math.min(areas[i]!, areas[j]!)
      if (share <= OVERLAP_TOLERANCE) continue
      problems.push({
        row: one.row,
        column: 'GEOMETRY',
        rule: 'BOUNDARY_OVERLAP',
        params: {
          oktmo: one.oktmo,
          other: other.oktmo,
          otherRow: other.row,
          percent: percentText(share),
          tolerance: percentText(OVERLAP_TOLERANCE),
        },
      })
    }
  })
  return problems
}

/**
 * The features of a boundaries file: one per municipality, keyed by its ОКТМО, each a valid Polygon or MultiPolygon
 * (holes and parts kept). When they are all valid, their longitudes are made continuous across 180° and they are
 * checked for holes outside their polygons and for overlapping neighbours on those coordinates.
 */
export function readBoundaries(table: Parameters<ReferenceKind['read']>[0]): ReadEntries {
  if (table.format !== 'GeoJSON') return { entries: [], problems: [{ row: 1, column: null, rule: 'BOUNDARY_FILE' }] }
  const oktmoColumn = OKTMO_PROPERTIES.find((column) => table.columns.has(column))
  if (!oktmoColumn) {
    return {
      entries: [],
      problems: [{ row: 1, column: 'OKTMO', rule: 'REFERENCE_COLUMN_MISSING', params: { column: 'OKTMO' } }],
    }
  }
  const nameColumn = NAME_PROPERTIES.find((column) => table.columns.has(column))
  const problems: FileProblem[] = []
  const seen = new Map<string, number>()
  const features: (Feature & { name: string })[] = []
  for (const { row, values } of table.rows) {
    const column = OKTMO_PROPERTIES.find((property) => (values[property] ?? '') !== '') ?? oktmoColumn
    const oktmo = values[column] ?? ''
    const rowProblems: FileProblem[] = []
    if (oktmo === '') rowProblems.push({ row, column, rule: 'REFERENCE_REQUIRED' })
    else if (!OKTMO.test(oktmo)) rowProblems.push({ row, column, rule: 'OKTMO_FORMAT' })
    else if (seen.has(oktmo)) {
      rowProblems.push({
        row,
        column,
        rule: 'REFERENCE_DUPLICATE',
        params: { code: oktmo, row: seen.get(oktmo)! },
      })
    } else seen.set(oktmo, row)
    const label = oktmo === '' ? `в строке ${row}` : oktmo
    const text = values.GEOMETRY ?? ''
    const parsed = text === '' ? null : parseGeometry(text)
    if (text === '') rowProblems.push({ row, column: 'GEOMETRY', rule: 'REFERENCE_REQUIRED' })
    else if (!parsed) rowProblems.push({ row, column: 'GEOMETRY', rule: 'BOUNDARY_GEOMETRY', params: { oktmo: label } })
    const geometry = parsed && mapPolygons(parsed, (polygon) => polygon.map(cleanRing))
    if (geometry) rowProblems.push(...ringProblems(geometry, label, row))
    problems.push(...rowProblems)
    if (rowProblems.length === 0 && geometry) {
      features.push({ row, oktmo, geometry, name: (nameColumn && values[nameColumn]) || `ОКТМО ${oktmo}` })
    }
  }
  if (problems.length > 0) return { entries: [], problems }
  const continuous = continuousLongitudes(features.map(({ geometry }) => geometry))
  const shaped = features.map((feature, index) => ({ ...feature, geometry: mapPolygons(continuous[index]!, rewound) }))
  problems.push(...shaped.flatMap(crossingProblems))
  if (problems.length === 0) problems.push(...shaped.flatMap(holeProblems), ...overlapProblems(shaped))
  const entries = shaped.map(({ row, oktmo, name, geometry }) => ({
    row,
    code: oktmo,
    name: name.replace(/\s+/g, ' '),
    parentCode: null,
    active: true,
    attributes: { boundary: geometry },
  }))
  return { entries: problems.length > 0 ? [] : entries, problems }
}

/**
 * The municipal boundaries as a GeoJSON FeatureCollection: a feature per municipality, its ОКТМО in a property, its
 * boundary a Polygon or a MultiPolygon. Each version of an entry keeps the boundary it had, so what was in force on a
 * day stays known; an applied import writes the boundaries into the municipalities, which the dashboard's map draws.
 */
export const BOUNDARIES_KIND: ReferenceKind = {
  code: 'boundaries',
  name: 'Границы МО',
  title: 'Границы муниципальных образований региона',
  source:
    'GeoJSON (FeatureCollection) из региональной ГИС или Росреестра: по объекту на муниципальное образование, код ОКТМО в свойстве OKTMO, геометрия Polygon или MultiPolygon в долготе и широте (WGS 84)',
  formats: ['GeoJSON'],
  attributeLabels: { boundary: 'граница' },
  read: readBoundaries,
  async check(db, entries) {
    const municipalities = await listMunicipalities(socialView(db))
    const known = new Set(municipalities.map(({ oktmo }) => oktmo))
    const listed = new Set(entries.map(({ code }) => code))
    return [
      ...entries
        .filter(({ code }) => !known.has(code))
        .map(({ row, code }): FileProblem => ({
          row,
          column: 'OKTMO',
          rule: 'UNKNOWN_MUNICIPALITY',
          params: { oktmo: code },
        })),
      ...municipalities
        .filter(({ oktmo }) => !listed.has(oktmo))
        .map(({ oktmo, name }): FileProblem => ({
          row: 1,
          column: null,
          rule: 'BOUNDARY_MISSING',
          params: { oktmo, name },
        })),
    ]
  },
  async apply(trx, changes) {
    for (const { code, after } of changes) {
      const boundary = after.active ? (after.attributes?.boundary ?? null) : null
      await updateMunicipalityBoundary(socialView(trx), code, boundary === null ? null : JSON.stringify(boundary))
    }
  },
}
