import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { PossibleDuplicateResolvers } from '../../../__generated__/resolvers-types.js'

export const PossibleDuplicate: PossibleDuplicateResolvers = {
  child: (duplicate, _args, { loaders }) => loadExisting(loaders.childById, duplicate.childId, 'child'),
  candidate: (duplicate, _args, { loaders }) => loadExisting(loaders.childById, duplicate.candidateChildId, 'child'),
}
