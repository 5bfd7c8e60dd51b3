import { describe, expect, it } from 'vitest'
import { box } from '@hub/testing/geometry'
import { mapDrawing } from '../../dashboard/src/dashboard/map-drawing.js'

const polygon = (oktmo: string, ring: number[][]) => ({
  oktmo,
  name: oktmo,
  boundary: { type: 'Polygon' as const, coordinates: [ring] },
})

/** The x of every vertex of a path. */
const xs = (path: string) => [...path.matchAll(/[ML](-?[0-9.]+),/g)].map((match) => Number(match[1]))

describe('the coverage map’s drawing', () => {
  it('draws a region within one hemisphere of longitude across the map’s full width', () => {
    const { shapes } = mapDrawing([polygon('1', box(40, 55, 41, 56)), polygon('2', box(41, 55, 42, 56))])
    expect(xs(shapes[0]!.path)).toEqual([0, 320, 320, 0, 0])
    expect(xs(shapes[1]!.path)).toEqual([320, 640, 640, 320, 320])
  })

  it('draws a region across 180° in one piece, east of 180° to the right of the west', () => {
    // A district on 178°–179° E, one from 179° E across the antimeridian to 179° W, one on 179°–178° W.
    const { height, shapes } = mapDrawing([
      polygon('1', box(178, 65, 179, 66)),
      polygon('2', [
        [179, 65],
        [-179, 65],
        [-179, 66],
        [179, 66],
        [179, 65],
      ]),
      polygon('3', box(-179, 65, -178, 66)),
      { oktmo: '4', name: 'без границы', boundary: null },
    ])
    expect(
      shapes.map(({ municipality, path }) => [municipality.oktmo, Math.min(...xs(path)), Math.max(...xs(path))]),
    ).toEqual([
      ['1', 0, 160],
      ['2', 160, 480],
      ['3', 480, 640],
    ])
    expect(height).toBeLessThan(640)
  })
})
