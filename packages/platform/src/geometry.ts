/**
 * Plane geometry of GeoJSON boundaries (RFC 7946: [longitude, latitude] in degrees), shared by the import of municipal
 * boundaries, the dashboard's map and the tests of the demo region's boundaries. Areas and intersections of whole
 * polygons are a geometry library's work (the import uses one); this module keeps what needs none: the orientation
 * and the simplicity of a ring, whether a point lies in it, and longitudes made continuous across 180°.
 *
 * The module imports nothing: the dashboard uses it too.
 */

export type Position = readonly number[]
export type Ring = readonly Position[]
export type Polygon = readonly Ring[]

/** A boundary: a Polygon (an outer ring and its holes) or a MultiPolygon (several such). */
export type Geometry =
  { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: readonly Polygon[] }

/** The polygons of a boundary, a Polygon being one. */
export const polygonsOf = (geometry: Geometry): readonly Polygon[] =>
  geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates

/** The shoelace area of a closed ring: positive when it runs anticlockwise (an outer ring in RFC 7946), negative for a hole. */
export function signedArea(ring: Ring) {
  let sum = 0
  for (let k = 0; k + 1 < ring.length; k++) {
    const [x1, y1] = ring[k] as [number, number]
    const [x2, y2] = ring[k + 1] as [number, number]
    sum += x1 * y2 - x2 * y1
  }
  return sum / 2
}

const cross = (o: Position, a: Position, b: Position) =>
  (a[0]! - o[0]!) * (b[1]! - o[1]!) - (a[1]! - o[1]!) * (b[0]! - o[0]!)

const within = (p: Position, a: Position, b: Position) =>
  Math.min(a[0]!, b[0]!) <= p[0]! &&
  p[0]! <= Math.max(a[0]!, b[0]!) &&
  Math.min(a[1]!, b[1]!) <= p[1]! &&
  p[1]! <= Math.max(a[1]!, b[1]!)

/** Whether closed segments a–b and c–d have any point in common. */
export function segmentsMeet(a: Position, b: Position, c: Position, d: Position) {
  const d1 = cross(c, d, a)
  const d2 = cross(c, d, b)
  const d3 = cross(a, b, c)
  const d4 = cross(a, b, d)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true
  return (
    (d1 === 0 && within(a, c, d)) ||
    (d2 === 0 && within(b, c, d)) ||
    (d3 === 0 && within(c, a, b)) ||
    (d4 === 0 && within(d, a, b))
  )
}

/**
 * The first pair of segments (numbered from 0) of a closed ring that meet other than at the vertex consecutive
 * segments share, or that fold back along each other; null for a simple ring. Segments are swept from west to east,
 * so a ring of many thousand vertices is checked in about the time it takes to sort them.
 */
export function selfIntersection(ring: Ring): [number, number] | null {
  const count = ring.length - 1
  const segments = Array.from({ length: Math.max(count, 0) }, (_, k) => k).sort(
    (s, t) => Math.min(ring[s]![0]!, ring[s + 1]![0]!) - Math.min(ring[t]![0]!, ring[t + 1]![0]!),
  )
  let first: [number, number] | null = null
  for (let i = 0; i < segments.length; i++) {
    const one = segments[i]!
    const [a, b] = [ring[one]!, ring[one + 1]!]
    const east = Math.max(a[0]!, b[0]!)
    for (let j = i + 1; j < segments.length; j++) {
      const other = segments[j]!
      const [c, d] = [ring[other]!, ring[other + 1]!]
      if (Math.min(c[0]!, d[0]!) > east) break
      const [s, t] = one < other ? [one, other] : [other, one]
      const meet =
        t === s + 1
          ? foldsBack(ring[t]!, ring[s]!, ring[t + 1]!)
          : s === 0 && t === count - 1
            ? foldsBack(ring[0]!, ring[1]!, ring[t]!)
            : segmentsMeet(a, b, c, d)
      if (meet && (first === null || s < first[0] || (s === first[0] && t < first[1]))) first = [s, t]
    }
  }
  return first
}

/** Whether two segments from a shared vertex run along the same line in the same direction, overlapping. */
export function foldsBack(shared: Position, from: Position, to: Position) {
  const u = [from[0]! - shared[0]!, from[1]! - shared[1]!] as const
  const v = [to[0]! - shared[0]!, to[1]! - shared[1]!] as const
  return u[0] * v[1] - u[1] * v[0] === 0 && u[0] * v[0] + u[1] * v[1] > 0
}

/** Whether a point lies inside a closed ring (even–odd ray casting; a point on its border may fall either way). */
export function inRing([x, y]: Position, ring: Ring) {
  let inside = false
  for (let k = 0; k + 1 < ring.length; k++) {
    const [x1, y1] = ring[k] as [number, number]
    const [x2, y2] = ring[k + 1] as [number, number]
    if (y1 > y! !== y2 > y! && x! < x1 + ((y! - y1) / (y2 - y1)) * (x2 - x1)) inside = !inside
  }
  return inside
}

/** Whether a point lies in a polygon: inside its outer ring and outside its holes. */
export const inPolygon = (point: Position, [outer, ...holes]: Polygon) =>
  outer !== undefined && inRing(point, outer) && !holes.some((hole) => inRing(point, hole))

/**
 * Boundaries drawn without a break at 180°: where their longitudes together span more than half the globe (Chukotka,
 * whose east lies at −170°), the western ones are shifted by 360°, so that 179° and −179° lie side by side as 179° and
 * 181°. Boundaries within one hemisphere of longitude are returned as they are.
 */
export function continuousLongitudes<G extends Geometry>(geometries: readonly G[]): G[] {
  let west = Infinity
  let east = -Infinity
  for (const geometry of geometries) {
    for (const ring of polygonsOf(geometry).flat()) {
      for (const [lon] of ring) {
        west = Math.min(west, lon!)
        east = Math.max(east, lon!)
      }
    }
  }
  if (east - west <= 180) return [...geometries]
  const shift = (polygon: Polygon) =>
    polygon.map((ring) => ring.map(([lon, ...rest]) => [lon! < 0 ? lon! + 360 : lon!, ...rest]))
  return geometries.map(
    (geometry) =>
      (geometry.type === 'Polygon'
        ? { ...geometry, coordinates: shift(geometry.coordinates) }
        : { ...geometry, coordinates: geometry.coordinates.map(shift) }) as G,
  )
}
