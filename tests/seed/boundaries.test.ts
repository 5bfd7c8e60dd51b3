import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { inPolygon, inRing, selfIntersection, signedArea } from '@hub/platform/geometry'
import { readFileTable, type FileTable } from '@hub/subgraph-kit/reference/file'
import { main } from '../../scripts/seed/boundaries.js'
import { FIXED_REFERENCE_DATE } from '../../scripts/seed/days.js'
import { createRegion } from '../../scripts/seed/region.js'
import { readBoundaries } from '../../subgraphs/social/src/modules/providers/services/boundaries.js'

type Position = [number, number]
type Ring = Position[]
type Polygon = Ring[]

interface Feature {
  type: 'Feature'
  properties: { oktmo: string; name: string }
  geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] }
}

const PATH = fileURLToPath(new URL('../../scripts/seed/boundaries.json', import.meta.url))
const text = readFileSync(PATH, 'utf8')
const collection = JSON.parse(text) as { type: string; features: Feature[] }
const features = collection.features
const municipalities = createRegion({ children: 0, today: FIXED_REFERENCE_DATE }).reference.social.municipalities

const polygonsOf = (feature: Feature) =>
  feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates
const ringsOf = (feature: Feature) => polygonsOf(feature).flat()
const isCity = (feature: Feature) => feature.properties.name.startsWith('г. ')
const named = (prefix: string) => {
  const found = features.find((feature) => feature.properties.name.startsWith(prefix))
  if (!found) throw new Error(`no feature named ${prefix}…`)
  return found
}

/** Coordinates have 4 decimals: in these integer units the geometry tests below are exact. */
const units = ([lon, lat]: Position): Position => [Math.round(lon * 10_000), Math.round(lat * 10_000)]
const key = ([x, y]: Position) => `${x},${y}`

const inFeature = (point: Position, feature: Feature) =>
  polygonsOf(feature).some((polygon) => inPolygon(point, polygon))

/** Every directed segment of every ring, keyed `from>to`, with the feature it belongs to. */
function directedSegments() {
  const segments = new Map<string, { feature: Feature; from: Position; to: Position }>()
  for (const feature of features) {
    for (const ring of ringsOf(feature)) {
      const points = ring.map(units)
      for (let k = 0; k + 1 < points.length; k++) {
        const from = points[k] as Position
        const to = points[k + 1] as Position
        const id = `${key(from)}>${key(to)}`
        if (segments.has(id)) throw new Error(`segment ${id} is drawn twice in the same direction`)
        segments.set(id, { feature, from, to })
      }
    }
  }
  return segments
}

/**
 * The oblast's outline: the segments no neighbour runs back along. Shared borders are identical vertex sequences
 * run in opposite directions, so they cancel; what remains must join into one ring.
 */
function outline(): Ring {
  const segments = directedSegments()
  const next = new Map<string, Position>()
  for (const { from, to } of segments.values()) {
    if (segments.has(`${key(to)}>${key(from)}`)) continue
    if (next.has(key(from))) throw new Error(`the outline forks at ${key(from)}`)
    next.set(key(from), to)
  }
  const [start] = next.keys()
  if (start === undefined) throw new Error('no outline')
  const ring: Position[] = []
  let at = start
  do {
    const to = next.get(at)
    if (!to) throw new Error(`the outline breaks off at ${at}`)
    ring.push(to)
    at = key(to)
  } while (at !== start && ring.length <= next.size)
  expect(ring.length).toBe(next.size)
  const closed = [ring[ring.length - 1] as Position, ...ring]
  return closed.map(([x, y]) => [x / 10_000, y / 10_000])
}

describe('the municipal boundaries (scripts/seed/boundaries.json)', () => {
  it('has one feature per municipality of the region, in its order, with its ОКТМО and name', () => {
    expect(collection.type).toBe('FeatureCollection')
    expect(features.map((feature) => feature.type)).toEqual(municipalities.map(() => 'Feature'))
    expect(features.map((feature) => feature.properties)).toEqual(
      municipalities.map(({ oktmo, name }) => ({ oktmo, name })),
    )
  })

  it('is what the seeded region gives each municipality as its boundary', () => {
    expect(municipalities.map((municipality) => JSON.parse(municipality.boundary ?? 'null'))).toEqual(
      features.map((feature) => feature.geometry),
    )
  })

  it('lies in European Russia, in lon/lat degrees with 4 decimals', () => {
    for (const feature of features) {
      for (const [lon, lat] of ringsOf(feature).flat()) {
        expect(lon).toBeGreaterThan(45)
        expect(lon).toBeLessThan(53)
        expect(lat).toBeGreaterThan(55.5)
        expect(lat).toBeLessThan(59.5)
        expect(Math.round(lon * 10_000) / 10_000).toBe(lon)
        expect(Math.round(lat * 10_000) / 10_000).toBe(lat)
      }
    }
  })

  it('has closed rings of at least four positions, outer rings anticlockwise and holes clockwise (RFC 7946)', () => {
    for (const feature of features) {
      for (const [outer, ...holes] of polygonsOf(feature)) {
        expect(outer, feature.properties.name).toBeDefined()
        for (const ring of [outer as Ring, ...holes]) {
          expect(ring.length, feature.properties.name).toBeGreaterThanOrEqual(4)
          expect(ring[ring.length - 1], feature.properties.name).toEqual(ring[0])
        }
        expect(signedArea(outer as Ring), feature.properties.name).toBeGreaterThan(0)
        for (const hole of holes) expect(signedArea(hole), feature.properties.name).toBeLessThan(0)
      }
    }
  })

  it('has no ring that touches or crosses itself', () => {
    for (const feature of features) {
      for (const ring of ringsOf(feature)) expect(selfIntersection(ring.map(units)), feature.properties.name).toBeNull()
    }
  })

  it('shares every inner border vertex for vertex, leaving one simple anticlockwise outline', () => {
    const ring = outline()
    expect(signedArea(ring)).toBeGreaterThan(0)
    expect(selfIntersection(ring.map(units))).toBeNull()
  })

  it('covers every point of the oblast exactly once, cities counting as their own', () => {
    const border = outline()
    const lons = border.map(([lon]) => lon)
    const lats = border.map(([, lat]) => lat)
    const [west, east] = [Math.min(...lons), Math.max(...lons)]
    const [south, north] = [Math.min(...lats), Math.max(...lats)]
    const misplaced: string[] = []
    let inside = 0
    // Offsets off the 4-decimal lattice keep samples off every vertex and border.
    for (let row = 0; row < 150; row++) {
      const lat = south + ((row + 0.503_17) / 150) * (north - south)
      for (let column = 0; column < 200; column++) {
        const lon = west + ((column + 0.497_31) / 200) * (east - west)
        const point: Position = [lon, lat]
        const expected = inRing(point, border) ? 1 : 0
        const count = features.filter((feature) => inFeature(point, feature)).length
        inside += expected
        if (count !== expected) misplaced.push(`${lon.toFixed(4)}, ${lat.toFixed(4)}: in ${count}`)
      }
    }
    expect(misplaced).toEqual([])
    expect(inside).toBeGreaterThan(15_000)
  })

  it('makes each city an enclave: its outline is, reversed, a hole of exactly one district', () => {
    const cities = features.filter(isCity)
    expect(cities).toHaveLength(3)
    for (const city of cities) {
      expect(polygonsOf(city), city.properties.name).toHaveLength(1)
      const [outer] = polygonsOf(city)[0] as Polygon
      const reversed = new Set(
        (outer as Ring).slice(1).map((to, k) => `${key(units(to))}>${key(units((outer as Ring)[k] as Position))}`),
      )
      const hosts = features.filter((district) =>
        polygonsOf(district).some((polygon) =>
          polygon.slice(1).some((hole) => {
            const segments = hole.slice(1).map((to, k) => `${key(units(hole[k] as Position))}>${key(units(to))}`)
            return segments.length === reversed.size && segments.every((segment) => reversed.has(segment))
          }),
        ),
      )
      expect(
        hosts.map((host) => isCity(host)),
        city.properties.name,
      ).toEqual([false])
    }
  })

  it('puts Северо-Озёрский in the north and Южно-Озёрский in the south', () => {
    /** Latitude of the outer ring's area centroid. */
    const centroidLat = (feature: Feature) => {
      const [outer] = polygonsOf(feature)[0] as Polygon
      let weighted = 0
      for (let k = 0; k + 1 < (outer as Ring).length; k++) {
        const [x1, y1] = (outer as Ring)[k] as Position
        const [x2, y2] = (outer as Ring)[k + 1] as Position
        weighted += (y1 + y2) * (x1 * y2 - x2 * y1)
      }
      return weighted / (6 * signedArea(outer as Ring))
    }
    const north = centroidLat(named('Северо-Озёрский'))
    const south = centroidLat(named('Южно-Озёрский'))
    for (const feature of features) {
      if (isCity(feature)) continue
      expect(centroidLat(feature), feature.properties.name).toBeLessThanOrEqual(north)
      expect(centroidLat(feature), feature.properties.name).toBeGreaterThanOrEqual(south)
    }
  })

  it("passes the checks of the import of boundaries, as a region's sample file", () => {
    const { entries, problems } = readBoundaries(readFileTable(Buffer.from(text)) as FileTable)
    expect(problems).toEqual([])
    expect(entries.map((entry) => entry.attributes?.boundary)).toEqual(features.map((feature) => feature.geometry))
  })

  it('is what the generator writes, byte for byte', async () => {
    expect(await main({ write: false })).toBe(text)
  })
})
