import { FIXED_REFERENCE_DATE } from '../../scripts/seed/days.js'
import { createRegion, type RegionChunk } from '../../scripts/seed/region.js'

/** The whole region in memory, chunks concatenated: fine for the few thousand children a test uses. */
export function generate(children: number, options: { seed?: number; chunkSize?: number; today?: string } = {}) {
  const region = createRegion({ children, today: FIXED_REFERENCE_DATE, ...options })
  const all = structuredClone(region.reference)
  for (const chunk of region.chunks()) {
    for (const side of Object.keys(chunk) as (keyof RegionChunk)[]) {
      const target = all[side] as unknown as Record<string, unknown[]>
      for (const [table, rows] of Object.entries(chunk[side])) target[table]?.push(...(rows as unknown[]))
    }
  }
  return all
}
