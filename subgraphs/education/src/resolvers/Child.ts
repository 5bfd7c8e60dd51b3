import type { ChildResolvers } from '../__generated__/resolvers-types.js'

/** A child of the registry as education sees it: the id, and the birth date when the gateway brings it (@requires). */
export interface ChildReference {
  id: string
  birthDate?: string | null
}

export const Child: ChildResolvers = {
  // Education does not hold the registry: any child id is answered, and an unknown one simply has no records. The
  // birth date arrives in the representation (@requires) and lives only as long as the request.
  __resolveReference: (ref) => ref,
  education: (child) => ({ childId: child.id, birthDate: child.birthDate ?? null }),
}
