import { continuousLongitudes, polygonsOf, type Position } from '@hub/platform/geometry'
import type { MunicipalityBoundariesQuery } from '../../../schema/__generated__/operations.js'

type Municipality = MunicipalityBoundariesQuery['municipalities'][number]

/** The width of the map in SVG units; its height follows the region's shape. */
export const WIDTH = 640

/**
 * The outline of each municipality with a boundary as an SVG path, in an equirectangular projection scaled by the
 * cosine of the region's middle latitude: at the size of a region this keeps shapes right without a map library.
 * Longitudes are made continuous first, so that a region across 180° (Chukotka) is drawn in one piece.
 */
export function mapDrawing(municipalities: readonly Municipality[]) {
  const drawn = municipalities.filter((m) => m.boundary)
  const boundaries = continuousLongitudes(drawn.map((m) => m.boundary!))
  const points = boundaries.flatMap((boundary) => polygonsOf(boundary).flat(2))
  const lons = points.map((p) => p[0]!)
  const lats = points.map((p) => p[1]!)
  const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)]
  const cos = Math.cos((((south + north) / 2) * Math.PI) / 180)
  const scale = WIDTH / ((east - west) * cos || 1)
  const project = (point: Position) =>
    `${((point[0]! - west) * cos * scale).toFixed(1)},${((north - point[1]!) * scale).toFixed(1)}`
  return {
    height: Math.ceil((north - south) * scale),
    shapes: drawn.map((municipality, index) => ({
      municipality,
      path: polygonsOf(boundaries[index]!)
        .flatMap((rings) => rings.map((ring) => `M${ring.map(project).join('L')}Z`))
        .join(''),
    })),
  }
}
