import type { ChildEducationResolvers } from '../__generated__/resolvers-types.js'

export interface ChildEducationParent {
  childId: string
}

export const ChildEducation: ChildEducationResolvers = {
  pmpkConclusions: (parent, _args, { loaders }) => loaders.pmpkConclusionsByChildId.load(parent.childId),
  preschoolApplications: (parent, _args, { loaders }) => loaders.preschoolApplicationsByChildId.load(parent.childId),
}
