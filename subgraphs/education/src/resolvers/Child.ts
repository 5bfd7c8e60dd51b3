import type { ChildResolvers } from '../__generated__/resolvers-types.js'

export const Child: ChildResolvers = {
  // Education does not hold the registry: any child id is answered, and an unknown one simply has no records. The
  // birth date arrives in the representation (@requires) and lives only as long as the request.
  __resolveReference: (ref) => ref,
  education: (child) => ({ childId: child.id, birthDate: ('birthDate' in child ? child.birthDate : null) ?? null }),
}
