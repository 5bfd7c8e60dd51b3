import { requireUuid } from '@hub/subgraph-kit/validation'
import type { ProgrammeExitsDueResolvers } from '../__generated__/resolvers-types.js'
import { findEnrolmentsByChildIds } from '../db/queries/preschool_application.queries.js'

/** Social's list of programmes due to end as education receives it: with `@requires`, the children in programmes. */
export interface ProgrammeExitsDueReference {
  id: string
  childrenInProgrammes?: readonly string[] | null
}

export const ProgrammeExitsDue: ProgrammeExitsDueResolvers = {
  // Social owns the list: its children arrive in the representation (@requires).
  __resolveReference: (ref) => ref,
  educationEnrolments: (list, _args, { db }) => {
    const children = (list.childrenInProgrammes ?? []).map((id, i) => requireUuid(`childrenInProgrammes[${i}]`, id))
    return findEnrolmentsByChildIds(db, children)
  },
}
