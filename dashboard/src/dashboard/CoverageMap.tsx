import type { MunicipalityBoundariesQuery } from '../../../schema/__generated__/operations'
import { formatPercent } from './labels'

type Municipality = MunicipalityBoundariesQuery['municipalities'][number]
type Ring = readonly (readonly number[])[]

const WIDTH = 640

/** Colour classes of coverage, from the lowest; a municipality without a percentage is grey. */
const CLASSES = [
  { below: 20, colour: '#f1e5c6', label: 'менее 20 %' },
  { below: 40, colour: '#c7dcae', label: '20–40 %' },
  { below: 60, colour: '#8cc1a0', label: '40–60 %' },
  { below: 80, colour: '#4f9a8f', label: '60–80 %' },
  { below: Infinity, colour: '#1f6374', label: '80 % и более' },
]
const NO_DATA = { colour: '#d0d4d9', label: 'нет данных или скрыто' }

export function coverageColour(percent: number | null | undefined) {
  if (percent === null || percent === undefined) return NO_DATA.colour
  return CLASSES.find((c) => percent < c.below)!.colour
}

function polygonsOf(boundary: Municipality['boundary']): readonly (readonly Ring[])[] {
  if (!boundary) return []
  return boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates
}

/**
 * An equirectangular projection scaled by the cosine of the region's middle latitude: at the size of a region
 * this keeps shapes right without a map library.
 */
function projection(municipalities: readonly Municipality[]) {
  const points = municipalities.flatMap((m) => polygonsOf(m.boundary).flat(2))
  const lons = points.map((p) => p[0]!)
  const lats = points.map((p) => p[1]!)
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)]
  const cos = Math.cos((((south + north) / 2) * Math.PI) / 180)
  const scale = WIDTH / ((east - west) * cos || 1)
  return {
    height: Math.ceil((north - south) * scale),
    project: (point: readonly number[]) =>
      `${((point[0]! - west) * cos * scale).toFixed(1)},${((north - point[1]!) * scale).toFixed(1)}`,
  }
}

/** The municipalities coloured by coverage, drawn as SVG from their GeoJSON boundaries; a click selects one. */
export function CoverageMap({
  municipalities,
  percentByOktmo,
  selected,
  onSelect,
}: {
  municipalities: readonly Municipality[]
  percentByOktmo: ReadonlyMap<string, number | null>
  selected: string
  onSelect: (oktmo: string) => void
}) {
  const drawn = municipalities.filter((m) => m.boundary)
  if (drawn.length === 0) return null
  const { height, project } = projection(drawn)
  const pathOf = (m: Municipality) =>
    polygonsOf(m.boundary)
      .flatMap((rings) => rings.map((ring) => `M${ring.map(project).join('L')}Z`))
      .join('')
  return (
    <figure className="map">
      <figcaption>Охват по муниципальным образованиям на карте</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="group" aria-label="Карта охвата по муниципальным образованиям">
        {drawn.map((m) => {
          const text = `${m.name}: ${formatPercent(percentByOktmo.get(m.oktmo))}`
          return (
            <path
              key={m.oktmo}
              d={pathOf(m)}
              fill={coverageColour(percentByOktmo.get(m.oktmo))}
              className={m.oktmo === selected ? 'selected' : undefined}
              data-oktmo={m.oktmo}
              role="button"
              tabIndex={0}
              aria-label={text}
              onClick={() => onSelect(m.oktmo)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') onSelect(m.oktmo)
              }}
            >
              <title>{text}</title>
            </path>
          )
        })}
      </svg>
      <ul className="legend" aria-label="Легенда">
        {[...CLASSES, NO_DATA].map((c) => (
          <li key={c.label}>
            <span className="swatch" style={{ background: c.colour }} />
            {c.label}
          </li>
        ))}
      </ul>
    </figure>
  )
}
