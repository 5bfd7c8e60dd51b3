import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { ParentGroupParticipationResolvers } from '../__generated__/resolvers-types.js'

export const ParentGroupParticipation: ParentGroupParticipationResolvers = {
  group: (participation, _args, { loaders }) =>
    loadExisting(loaders.parentGroupById, participation.parentGroupId, 'parent group'),
  family: (participation) => ({ id: participation.familyId }),
}
