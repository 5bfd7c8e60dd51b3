import type { ChildResolvers } from '../__generated__/resolvers-types.js'

export const Child: ChildResolvers = {
  // NGO does not hold the registry: the child and its family id arrive in the representation (@requires).
  __resolveReference: (ref) => ref,
  ngo: (child) => ({ childId: child.id, familyId: child.family?.id ?? null }),
}
