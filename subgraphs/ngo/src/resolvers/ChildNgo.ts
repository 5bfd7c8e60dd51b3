import type { ChildNgoResolvers } from '../__generated__/resolvers-types.js'

export interface ChildNgoParent {
  childId: string
  familyId: string | null
}

export const ChildNgo: ChildNgoResolvers = {
  sessions: (parent, _args, { loaders }) => loaders.sessionsByChildId.load(parent.childId),
  parentGroupParticipations: (parent, _args, { loaders }) =>
    parent.familyId ? loaders.participationsByFamilyId.load(parent.familyId) : [],
}
