import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { foldsBack, segmentsMeet } from '@hub/platform/geometry'
import { FIXED_REFERENCE_DATE } from './days.js'
import { createRegion } from './region.js'

/**
 * Boundaries of the fictional «Заозёрская область» for a tile-less choropleth: writes boundaries.json, a GeoJSON
 * FeatureCollection with one feature per municipality of region.ts.
 *
 * The oblast is rasterised on a 1 km grid: a noisy ellipse for the outline, a domain-warped Voronoi diagram for the
 * eight districts, noisy discs for the three cities. The cell outlines are traced into a planar graph whose edges
 * (the chains between junctions where three areas meet) are smoothed and simplified once each, so two neighbours
 * share exactly the same vertices along their border and the districts tile the oblast with no gap or overlap. The
 * cities are enclaves: each district's polygon has a hole where its city is.
 *
 * Everything derives from fixed constants and a hash-based noise, so every run writes the same bytes.
 */

const OUTPUT = fileURLToPath(new URL('boundaries.json', import.meta.url))

const NOISE_SEED = 20_261_101

/** The grid in 1 km cells, centred on the centre below; the oblast must stay clear of its edge. */
const WIDTH = 440
const HEIGHT = 340

/** Where the grid's centre lies: the middle Volga–Vyatka, north of Kazan. */
const CENTRE_LON = 49.2
const CENTRE_LAT = 57.6
const KM_PER_DEGREE_LAT = 111.1
const KM_PER_DEGREE_LON = 111.32 * Math.cos((CENTRE_LAT * Math.PI) / 180)

/** Coordinates are written to 4 decimals (≈ 6–11 m); the topology is checked in these integer units. */
const UNITS_PER_DEGREE = 10_000

/**
 * How a chain is shaped at each level of caution: the moving-average window (in grid steps) that melts the 1 km
 * staircase into slopes, and the Douglas–Peucker tolerance in km. A chain that would cross another goes a level
 * down; the last level is the plain staircase with its corners cut, which cannot cross anything.
 */
const LEVELS: readonly { window: number; tolerance: number }[] = [
  { window: 3, tolerance: 0.25 },
  { window: 2, tolerance: 0.2 },
  { window: 1, tolerance: 0.1 },
  { window: 0, tolerance: 0.05 },
  { window: 0, tolerance: 0 },
]
/** City outlines are short: a gentler simplification keeps them round. */
const CITY_TOLERANCE_SHARE = 0.3

const OUTSIDE = -1

/** Positions in km east (x) and north (y) of the centre. */
type Site =
  | { kind: 'district'; x: number; y: number; pull: number }
  | { kind: 'city'; x: number; y: number; radius: number; host: string }

/**
 * The layout by ОКТМО. The compass names sit where they say; the three remote districts lie east, farthest from
 * the regional centre Светлогорск in the west-centre, and are larger (their `pull`, in km², widens their Voronoi
 * cell) because they are the sparse ones. City radii follow the cities' share of births.
 */
const SITES: ReadonlyMap<string, Site> = new Map<string, Site>([
  ['98701000', { kind: 'city', x: -58, y: -6, radius: 4.6, host: '98620000' }],
  ['98705000', { kind: 'city', x: -5, y: 55, radius: 3.3, host: '98605000' }],
  ['98710000', { kind: 'city', x: -140, y: 55, radius: 2.8, host: '98615000' }],
  ['98605000', { kind: 'district', x: 10, y: 90, pull: -800 }],
  ['98610000', { kind: 'district', x: 0, y: -92, pull: 0 }],
  ['98615000', { kind: 'district', x: -125, y: 75, pull: -600 }],
  ['98620000', { kind: 'district', x: -90, y: 0, pull: 0 }],
  ['98625000', { kind: 'district', x: 125, y: 5, pull: 500 }],
  ['98630000', { kind: 'district', x: -120, y: -80, pull: -600 }],
  ['98635000', { kind: 'district', x: 110, y: -80, pull: 2500 }],
  ['98640000', { kind: 'district', x: 115, y: 80, pull: 2500 }],
])

type Point = readonly [number, number]

interface Area {
  index: number
  oktmo: string
  site: Site
}

/** A pseudo-random value in [-1, 1) for an integer lattice point and a channel: an integer hash, no state. */
function lattice(ix: number, iy: number, channel: number) {
  let h = Math.imul(ix, 0x27d4eb2d) ^ Math.imul(iy, 0x165667b1) ^ Math.imul(channel + NOISE_SEED, 0x9e3779b1)
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  h ^= h >>> 16
  return ((h >>> 0) / 4294967296) * 2 - 1
}

/** Smoothly interpolated value noise, about -1…1, varying over a unit of x and y. */
function valueNoise(x: number, y: number, channel: number) {
  const ix = Math.floor(x)
  const iy = Math.floor(y)
  const fx = x - ix
  const fy = y - iy
  const sx = fx * fx * (3 - 2 * fx)
  const sy = fy * fy * (3 - 2 * fy)
  const bottom = lattice(ix, iy, channel) * (1 - sx) + lattice(ix + 1, iy, channel) * sx
  const top = lattice(ix, iy + 1, channel) * (1 - sx) + lattice(ix + 1, iy + 1, channel) * sx
  return bottom * (1 - sy) + top * sy
}

/** Fractal noise over features about `scale` km across, finer octaves adding the wiggle of rivers and watersheds. */
function fractal(x: number, y: number, scale: number, channel: number) {
  let sum = 0
  let amplitude = 1
  let total = 0
  for (let octave = 0; octave < 4; octave++) {
    const frequency = 2 ** octave / scale
    sum += amplitude * valueNoise(x * frequency, y * frequency, channel * 8 + octave)
    total += amplitude
    amplitude /= 2
  }
  return sum / total
}

function insideOblast(x: number, y: number) {
  const radius = Math.sqrt((x / 185) ** 2 + (y / 135) ** 2)
  return radius < 1 + 0.2 * fractal(x, y, 110, 1) + 0.07 * fractal(x, y, 24, 6)
}

/** The district whose warped Voronoi cell holds the point; the warp bends the straight Voronoi edges into borders. */
function districtAt(x: number, y: number, districts: readonly Area[]) {
  const wx = x + 28 * fractal(x, y, 90, 2) + 9 * fractal(x, y, 22, 3) + 3 * fractal(x, y, 7, 7)
  const wy = y + 28 * fractal(x, y, 90, 4) + 9 * fractal(x, y, 22, 5) + 3 * fractal(x, y, 7, 8)
  let best = OUTSIDE
  let bestDistance = Infinity
  for (const { index, site } of districts) {
    if (site.kind !== 'district') continue
    const distance = (wx - site.x) ** 2 + (wy - site.y) ** 2 - site.pull
    if (distance < bestDistance) {
      bestDistance = distance
      best = index
    }
  }
  return best
}

function inCity(x: number, y: number, site: Site & { kind: 'city' }, channel: number) {
  const distance = Math.sqrt((x - site.x) ** 2 + (y - site.y) ** 2)
  return distance < site.radius * (1 + 0.3 * fractal(x, y, 4, channel))
}

/** Cell labels, row by row from the south-west: a municipality's index or OUTSIDE. */
class Grid {
  readonly labels = new Int8Array(WIDTH * HEIGHT).fill(OUTSIDE)

  label(i: number, j: number) {
    if (i < 0 || j < 0 || i >= WIDTH || j >= HEIGHT) return OUTSIDE
    return this.labels[j * WIDTH + i] ?? OUTSIDE
  }

  set(cell: number, label: number) {
    this.labels[cell] = label
  }

  /** The 4-connected components of the cells `member` accepts, largest first, each in grid order. */
  components(member: (label: number) => boolean) {
    const seen = new Uint8Array(WIDTH * HEIGHT)
    const found: number[][] = []
    for (let start = 0; start < WIDTH * HEIGHT; start++) {
      if (seen[start] || !member(this.label(start % WIDTH, Math.floor(start / WIDTH)))) continue
      const component = [start]
      seen[start] = 1
      for (let k = 0; k < component.length; k++) {
        const cell = component[k] as number
        const i = cell % WIDTH
        const j = Math.floor(cell / WIDTH)
        for (const [ni, nj] of [
          [i + 1, j],
          [i - 1, j],
          [i, j + 1],
          [i, j - 1],
        ] as const) {
          const next = nj * WIDTH + ni
          if (ni < 0 || nj < 0 || ni >= WIDTH || nj >= HEIGHT || seen[next] || !member(this.label(ni, nj))) continue
          seen[next] = 1
          component.push(next)
        }
      }
      found.push(component.sort((a, b) => a - b))
    }
    return found.sort((a, b) => b.length - a.length || (a[0] as number) - (b[0] as number))
  }

  /** The most common label among a cell's four neighbours other than `except`, ties to the lower label. */
  neighbourLabel(cell: number, except: number) {
    const i = cell % WIDTH
    const j = Math.floor(cell / WIDTH)
    const counts = new Map<number, number>()
    for (const label of [this.label(i + 1, j), this.label(i - 1, j), this.label(i, j + 1), this.label(i, j - 1)]) {
      if (label !== except && label !== OUTSIDE) counts.set(label, (counts.get(label) ?? 0) + 1)
    }
    let best = OUTSIDE
    for (const [label, count] of counts) {
      if (best === OUTSIDE || count > (counts.get(best) ?? 0) || (count === counts.get(best) && label < best)) {
        best = label
      }
    }
    return best
  }
}

const centreOf = (cell: number): Point => [
  (cell % WIDTH) + 0.5 - WIDTH / 2,
  Math.floor(cell / WIDTH) + 0.5 - HEIGHT / 2,
]

function rasterise(sites: readonly Area[]) {
  const grid = new Grid()
  for (let cell = 0; cell < WIDTH * HEIGHT; cell++) {
    const [x, y] = centreOf(cell)
    if (insideOblast(x, y)) grid.set(cell, districtAt(x, y, sites))
  }
  // One piece of land without lakes: drop islands, fill enclosed outside cells.
  const [, ...islands] = grid.components((label) => label !== OUTSIDE)
  for (const island of islands) for (const cell of island) grid.set(cell, OUTSIDE)
  for (const hole of grid.components((label) => label === OUTSIDE).slice(1)) {
    for (const cell of hole) grid.set(cell, districtAt(...centreOf(cell), sites))
  }
  // The warp can cut off a sliver of a district; it joins the neighbour it borders most.
  for (const { index, site } of sites) {
    if (site.kind !== 'district') continue
    for (const fragment of grid.components((label) => label === index).slice(1)) {
      for (const cell of fragment) grid.set(cell, grid.neighbourLabel(cell, index))
    }
  }
  for (const { index, site } of sites) {
    if (site.kind !== 'city') continue
    const host = sites.find((other) => other.oktmo === site.host)?.index
    const cells: number[] = []
    for (let cell = 0; cell < WIDTH * HEIGHT; cell++) {
      const [x, y] = centreOf(cell)
      if (Math.abs(x - site.x) > 3 * site.radius || Math.abs(y - site.y) > 3 * site.radius) continue
      if (inCity(x, y, site, 10 + index)) cells.push(cell)
    }
    for (const cell of cells) grid.set(cell, index)
    // An enclave keeps a margin of its host all round, so its outline is a loop touching no other border.
    for (const cell of cells) {
      for (let dj = -2; dj <= 2; dj++) {
        for (let di = -2; di <= 2; di++) {
          const label = grid.label((cell % WIDTH) + di, Math.floor(cell / WIDTH) + dj)
          if (label !== index && label !== host) throw new Error(`city ${index} is not enclosed by its host`)
        }
      }
    }
  }
  removePinches(grid)
  for (const { index } of sites) {
    if (grid.components((label) => label === index).length !== 1)
      throw new Error(`municipality ${index} is not one piece`)
  }
  if (grid.components((label) => label === OUTSIDE).length !== 1) throw new Error('the oblast has a lake')
  for (let i = 0; i < WIDTH; i++) {
    if (grid.label(i, 0) !== OUTSIDE || grid.label(i, HEIGHT - 1) !== OUTSIDE) throw new Error('grid too small')
  }
  for (let j = 0; j < HEIGHT; j++) {
    if (grid.label(0, j) !== OUTSIDE || grid.label(WIDTH - 1, j) !== OUTSIDE) throw new Error('grid too small')
  }
  return grid
}

/**
 * Where an area's cells touch only at a corner, its outline would pass twice through one vertex: not a simple ring.
 * The corner is closed by giving one of the two other cells to that area (or, for the outside, by taking one of its
 * cells into the oblast), until no 2 × 2 block has such a diagonal.
 */
function removePinches(grid: Grid) {
  for (let changed = true; changed;) {
    changed = false
    for (let j = 0; j + 1 < HEIGHT; j++) {
      for (let i = 0; i + 1 < WIDTH; i++) {
        const sw = grid.label(i, j)
        const se = grid.label(i + 1, j)
        const nw = grid.label(i, j + 1)
        const ne = grid.label(i + 1, j + 1)
        let fix: [cell: number, label: number] | undefined
        if (sw === ne && se !== sw && nw !== sw) {
          fix = sw === OUTSIDE ? [j * WIDTH + i, se] : [j * WIDTH + i + 1, sw]
        } else if (se === nw && sw !== se && ne !== se) {
          fix = se === OUTSIDE ? [j * WIDTH + i + 1, sw] : [j * WIDTH + i, se]
        }
        if (fix) {
          grid.set(...fix)
          changed = true
        }
      }
    }
  }
}

const vertexId = (i: number, j: number) => j * (WIDTH + 1) + i
const vertexPoint = (id: number): Point => [(id % (WIDTH + 1)) - WIDTH / 2, Math.floor(id / (WIDTH + 1)) - HEIGHT / 2]

/** Boundary edges at a grid vertex; three or more make it a junction where chains of the planar graph end. */
function isJunction(grid: Grid, id: number) {
  const i = id % (WIDTH + 1)
  const j = Math.floor(id / (WIDTH + 1))
  const sw = grid.label(i - 1, j - 1)
  const se = grid.label(i, j - 1)
  const nw = grid.label(i - 1, j)
  const ne = grid.label(i, j)
  return Number(se !== ne) + Number(nw !== ne) + Number(sw !== nw) + Number(sw !== se) >= 3
}

/** The outlines of one area as vertex cycles with the area on the left: the outer ring anticlockwise, holes clockwise. */
function traceRings(grid: Grid, area: number) {
  const next = new Map<number, number>()
  const edge = (from: number, to: number) => {
    if (next.has(from)) throw new Error(`area ${area} passes twice through a vertex`)
    next.set(from, to)
  }
  for (let j = 0; j < HEIGHT; j++) {
    for (let i = 0; i < WIDTH; i++) {
      if (grid.label(i, j) !== area) continue
      if (grid.label(i, j - 1) !== area) edge(vertexId(i, j), vertexId(i + 1, j))
      if (grid.label(i + 1, j) !== area) edge(vertexId(i + 1, j), vertexId(i + 1, j + 1))
      if (grid.label(i, j + 1) !== area) edge(vertexId(i + 1, j + 1), vertexId(i, j + 1))
      if (grid.label(i - 1, j) !== area) edge(vertexId(i, j + 1), vertexId(i, j))
    }
  }
  const visited = new Set<number>()
  const rings: number[][] = []
  for (const start of next.keys()) {
    if (visited.has(start)) continue
    const ring: number[] = []
    for (let at = start; !visited.has(at); at = next.get(at) as number) {
      visited.add(at)
      ring.push(at)
    }
    rings.push(ring)
  }
  return rings
}

function signedArea(ring: readonly Point[]) {
  let sum = 0
  for (let k = 0; k < ring.length; k++) {
    const [x1, y1] = ring[k] as Point
    const [x2, y2] = ring[(k + 1) % ring.length] as Point
    sum += x1 * y2 - x2 * y1
  }
  return sum / 2
}

/** One edge of the planar graph: its grid vertices, the smoothed and simplified coordinates, and how hard to simplify. */
interface Chain {
  vertices: number[]
  closed: boolean
  level: number
  coordinates: Point[]
}

/** A ring as the chains it follows, each forwards or backwards. */
type RingPath = { chain: Chain; reversed: boolean }[]

/**
 * Splits every area's rings at junctions into chains, registering each chain once in a canonical direction, so the
 * two areas on either side of it use the same chain, one forwards and one backwards.
 */
function buildGraph(grid: Grid, areas: readonly Area[]) {
  const chains = new Map<string, Chain>()
  const paths = new Map<number, RingPath[]>()
  const compare = (a: readonly number[], b: readonly number[]) =>
    (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number)
  for (const { index } of areas) {
    const rings: RingPath[] = []
    for (const ring of traceRings(grid, index)) {
      const starts = ring.flatMap((id, k) => (isJunction(grid, id) ? [k] : []))
      if (starts.length === 0) {
        // A loop with no junction: a city's outline, written anticlockwise from its lowest vertex.
        const reversed = signedArea(ring.map(vertexPoint)) < 0
        const forwards = reversed ? [...ring].reverse() : ring
        const lowest = forwards.indexOf(Math.min(...forwards))
        const vertices = [...forwards.slice(lowest), ...forwards.slice(0, lowest)]
        const key = `loop ${vertices[0]}`
        const chain = chains.get(key) ?? { vertices, closed: true, level: 0, coordinates: [] }
        chains.set(key, chain)
        rings.push([{ chain, reversed }])
        continue
      }
      const path: RingPath = []
      for (let s = 0; s < starts.length; s++) {
        const from = starts[s] as number
        const to = starts[s + 1] ?? (starts[0] as number) + ring.length
        const piece = Array.from({ length: to - from + 1 }, (_, k) => ring[(from + k) % ring.length] as number)
        const head = [piece[0], piece[1]] as number[]
        const tail = [piece[piece.length - 1], piece[piece.length - 2]] as number[]
        const reversed = compare(tail, head) < 0
        const vertices = reversed ? [...piece].reverse() : piece
        const key = `${vertices[0]} ${vertices[1]}`
        const chain = chains.get(key) ?? { vertices, closed: false, level: 0, coordinates: [] }
        chains.set(key, chain)
        path.push({ chain, reversed })
      }
      rings.push(path)
    }
    paths.set(index, rings)
  }
  return { chains: [...chains.values()], paths }
}

/** Each point the mean of those up to `window` steps either side; an open chain's window narrows so its ends stay. */
function movingAverage(points: readonly Point[], window: number, closed: boolean) {
  const n = points.length
  return points.map((_, k): Point => {
    const reach = closed ? window : Math.min(window, k, n - 1 - k)
    let x = 0
    let y = 0
    for (let d = -reach; d <= reach; d++) {
      const [px, py] = points[(k + d + n) % n] as Point
      x += px
      y += py
    }
    return [x / (2 * reach + 1), y / (2 * reach + 1)]
  })
}

/** Chaikin's corner cutting: each pass keeps the curve within a quarter of a segment of the one before. */
function chaikin(points: readonly Point[], closed: boolean) {
  const out: Point[] = closed ? [] : [points[0] as Point]
  const segments = closed ? points.length : points.length - 1
  for (let k = 0; k < segments; k++) {
    const [x1, y1] = points[k] as Point
    const [x2, y2] = points[(k + 1) % points.length] as Point
    out.push([0.75 * x1 + 0.25 * x2, 0.75 * y1 + 0.25 * y2], [0.25 * x1 + 0.75 * x2, 0.25 * y1 + 0.75 * y2])
  }
  if (!closed) out.push(points[points.length - 1] as Point)
  return out
}

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point) {
  const dx = bx - ax
  const dy = by - ay
  const length = dx * dx + dy * dy
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length))
  return Math.sqrt((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2)
}

/** Douglas–Peucker on an open polyline: its ends stay, so the junctions do. */
function simplify(points: readonly Point[], tolerance: number): Point[] {
  const first = points[0] as Point
  const last = points[points.length - 1] as Point
  let farthest = 0
  let distance = -1
  for (let k = 1; k < points.length - 1; k++) {
    const d = distanceToSegment(points[k] as Point, first, last)
    if (d > distance) {
      distance = d
      farthest = k
    }
  }
  if (distance <= tolerance) return [first, last]
  return [
    ...simplify(points.slice(0, farthest + 1), tolerance).slice(0, -1),
    ...simplify(points.slice(farthest), tolerance),
  ]
}

const toUnits = ([x, y]: Point): Point => [
  Math.round((CENTRE_LON + x / KM_PER_DEGREE_LON) * UNITS_PER_DEGREE),
  Math.round((CENTRE_LAT + y / KM_PER_DEGREE_LAT) * UNITS_PER_DEGREE),
]

/** The chain smoothed, simplified and rounded to output units; a loop is returned without its closing point. */
function shape(chain: Chain) {
  const { window, tolerance: borderTolerance } = LEVELS[chain.level] as (typeof LEVELS)[number]
  const tolerance = chain.closed ? borderTolerance * CITY_TOLERANCE_SHARE : borderTolerance
  const averaged = movingAverage(chain.vertices.map(vertexPoint), window, chain.closed)
  const smooth = chaikin(chaikin(averaged, chain.closed), chain.closed)
  let simplified: Point[]
  if (chain.closed) {
    // A loop is simplified as two halves split at the point farthest from its start.
    const start = smooth[0] as Point
    const reach = smooth.map((point) => Math.hypot(point[0] - start[0], point[1] - start[1]))
    const far = reach.indexOf(Math.max(...reach))
    simplified = [
      ...simplify(smooth.slice(0, far + 1), tolerance).slice(0, -1),
      ...simplify([...smooth.slice(far), start], tolerance).slice(0, -1),
    ]
  } else {
    simplified = simplify(smooth, tolerance)
  }
  const rounded = simplified.map(toUnits)
  return rounded.filter((point, k) => k === 0 || !samePoint(point, rounded[k - 1] as Point))
}

const samePoint = (a: Point, b: Point) => a[0] === b[0] && a[1] === b[1]
/** Whether two segments meet anywhere other than one endpoint they share and are allowed to share. */
function conflict(a: Point, b: Point, c: Point, d: Point, mayShare: (point: Point) => boolean) {
  const shared = [a, b].filter((p) => samePoint(p, c) || samePoint(p, d))
  if (shared.length === 2) return true
  if (shared.length === 1) {
    const at = shared[0] as Point
    if (!mayShare(at)) return true
    return foldsBack(at, samePoint(at, a) ? b : a, samePoint(at, c) ? d : c)
  }
  return segmentsMeet(a, b, c, d)
}

/**
 * The chains that cross or touch one another (or themselves) after simplification and rounding. Chains may meet
 * only at the junctions they end in; a segment may meet only its neighbours in its own chain.
 */
function conflictingChains(chains: readonly Chain[]) {
  interface Segment {
    chain: number
    k: number
    a: Point
    b: Point
  }
  const segments: Segment[] = chains.flatMap((chain, index) => {
    const points = chain.closed ? [...chain.coordinates, chain.coordinates[0] as Point] : chain.coordinates
    return points.slice(1).map((b, k) => ({ chain: index, k, a: points[k] as Point, b }))
  })
  const lengths = chains.map((chain) => chain.coordinates.length)
  const ends = (chain: Chain): Point[] =>
    chain.closed ? [] : [chain.coordinates[0] as Point, chain.coordinates[chain.coordinates.length - 1] as Point]
  segments.sort((s, t) => Math.min(s.a[0], s.b[0]) - Math.min(t.a[0], t.b[0]))
  const conflicting = new Set<number>()
  for (let s = 0; s < segments.length; s++) {
    const one = segments[s] as Segment
    const right = Math.max(one.a[0], one.b[0])
    for (let t = s + 1; t < segments.length; t++) {
      const other = segments[t] as Segment
      if (Math.min(other.a[0], other.b[0]) > right) break
      if (Math.max(one.a[1], one.b[1]) < Math.min(other.a[1], other.b[1])) continue
      if (Math.max(other.a[1], other.b[1]) < Math.min(one.a[1], one.b[1])) continue
      const mayShare = (point: Point) => {
        if (one.chain === other.chain) {
          // In a loop the last segment also neighbours the first.
          const count = (chains[one.chain] as Chain).closed ? (lengths[one.chain] as number) : -1
          const gap = Math.abs(one.k - other.k)
          return gap === 1 || gap === count - 1
        }
        const shared = ends(chains[one.chain] as Chain).some((p) => samePoint(p, point))
        return shared && ends(chains[other.chain] as Chain).some((p) => samePoint(p, point))
      }
      if (conflict(one.a, one.b, other.a, other.b, mayShare)) {
        conflicting.add(one.chain)
        conflicting.add(other.chain)
      }
    }
  }
  return conflicting
}

/** Shapes every chain, simplifying less wherever the result would cross or touch another chain. */
function shapeChains(chains: readonly Chain[]) {
  for (const chain of chains) chain.coordinates = shape(chain)
  for (let round = 0; ; round++) {
    const conflicting = conflictingChains(chains)
    if (conflicting.size === 0) return
    const stuck = [...conflicting].filter((index) => (chains[index] as Chain).level === LEVELS.length - 1)
    if (stuck.length > 0) throw new Error(`${stuck.length} chains cross even unsimplified`)
    for (const index of conflicting) {
      const chain = chains[index] as Chain
      chain.level++
      chain.coordinates = shape(chain)
    }
  }
}

const toDegrees = ([x, y]: Point): [number, number] => [x / UNITS_PER_DEGREE, y / UNITS_PER_DEGREE]

function ringCoordinates(path: RingPath) {
  const points: Point[] = []
  for (const { chain, reversed } of path) {
    const along = reversed ? [...chain.coordinates].reverse() : chain.coordinates
    if (chain.closed) points.push(...(reversed ? [along[along.length - 1] as Point, ...along.slice(0, -1)] : along))
    else points.push(...along.slice(1))
  }
  points.push(points[0] as Point)
  return points
}

async function boundariesJson() {
  const municipalities = createRegion({ children: 0, today: FIXED_REFERENCE_DATE }).reference.social.municipalities
  const areas = municipalities.map(({ oktmo }, index) => {
    const site = SITES.get(oktmo)
    if (!site) throw new Error(`No site laid out for ОКТМО ${oktmo}`)
    return { index, oktmo, site }
  })
  if (areas.length !== SITES.size) throw new Error('SITES lays out municipalities the region does not have')
  const grid = rasterise(areas)
  const { chains, paths } = buildGraph(grid, areas)
  shapeChains(chains)
  const features = municipalities.map(({ oktmo, name }, index) => {
    const rings = (paths.get(index) ?? []).map(ringCoordinates)
    const outer = rings.filter((ring) => signedArea(ring) > 0)
    if (outer.length !== 1) throw new Error(`${name} has ${outer.length} outer rings`)
    const ordered = [...outer, ...rings.filter((ring) => signedArea(ring) < 0)]
    return {
      type: 'Feature',
      properties: { oktmo, name },
      geometry: { type: 'Polygon', coordinates: ordered.map((ring) => ring.map(toDegrees)) },
    }
  })
  const text = JSON.stringify({ type: 'FeatureCollection', features })
  return format(text, { ...(await resolveConfig(OUTPUT)), filepath: OUTPUT })
}

/** Generates the boundaries; writes boundaries.json unless asked not to (the test compares with the committed file). */
export async function main({ write = true }: { write?: boolean } = {}) {
  const json = await boundariesJson()
  if (write) {
    await writeFile(OUTPUT, json)
    console.log(`wrote ${OUTPUT} (${Buffer.byteLength(json)} bytes)`)
  }
  return json
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
