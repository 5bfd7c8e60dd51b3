import type { ChildResolvers } from '../__generated__/resolvers-types.js'

export const Child: ChildResolvers = {
  // Health does not hold the registry: any child id is answered, and an unknown one simply has no records.
  __resolveReference: (ref) => ({ id: ref.id }),
  health: (child) => ({ childId: child.id }),
}
