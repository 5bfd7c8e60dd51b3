/**
 * Where the children in need who turned three in a period stand in the preschool queue on its last day, by child id:
 * education places them from its queue, social counts and names them.
 */
export interface PlacedChildren {
  enrolled: readonly string[]
  directed: readonly string[]
  queued: readonly string[]
  none: readonly string[]
}

/** The preschool figures (PreschoolPlacement): all the children, and each place in the queue. */
export type PreschoolPlacement = 'REACHED_THREE' | 'ENROLLED' | 'DIRECTED' | 'QUEUED' | 'WITHOUT_PLACEMENT'

/**
 * The children of one preschool figure, the one definition of each: those who are neither enrolled nor directed are
 * without a placement, whether they queue or never applied.
 */
export function childrenPlaced(children: PlacedChildren, placement: PreschoolPlacement): readonly string[] {
  const { enrolled, directed, queued, none } = children
  switch (placement) {
    case 'REACHED_THREE':
      return [...enrolled, ...directed, ...queued, ...none]
    case 'ENROLLED':
      return enrolled
    case 'DIRECTED':
      return directed
    case 'QUEUED':
      return queued
    case 'WITHOUT_PLACEMENT':
      return [...queued, ...none]
  }
}

/** Where each child stands, by the narrowest figure it is in: a child who never applied is only without a placement. */
export function placementsByChild(children: PlacedChildren): ReadonlyMap<string, PreschoolPlacement> {
  const narrowest: readonly PreschoolPlacement[] = ['ENROLLED', 'DIRECTED', 'QUEUED', 'WITHOUT_PLACEMENT']
  const placements = new Map<string, PreschoolPlacement>()
  for (const placement of narrowest) {
    for (const id of childrenPlaced(children, placement)) if (!placements.has(id)) placements.set(id, placement)
  }
  return placements
}
