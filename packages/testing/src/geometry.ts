/** An axis-aligned rectangle of longitudes and latitudes as a closed GeoJSON ring, anticlockwise. */
export const box = (west: number, south: number, east: number, north: number) => [
  [west, south],
  [east, south],
  [east, north],
  [west, north],
  [west, south],
]
