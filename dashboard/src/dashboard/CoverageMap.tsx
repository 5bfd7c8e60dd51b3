import type { MunicipalityBoundariesQuery } from '../../../schema/__generated__/operations'
import { formatPercent } from './labels'
import { mapDrawing, WIDTH } from './map-drawing'

type Municipality = MunicipalityBoundariesQuery['municipalities'][number]

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
  const { height, shapes } = mapDrawing(municipalities)
  if (shapes.length === 0) return null
  return (
    <figure className="map">
      <figcaption>Охват по муниципальным образованиям на карте</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="group" aria-label="Карта охвата по муниципальным образованиям">
        {shapes.map(({ municipality: m, path }) => {
          const text = `${m.name}: ${formatPercent(percentByOktmo.get(m.oktmo))}`
          return (
            <path
              key={m.oktmo}
              d={path}
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
