import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { ChildMergeResolvers } from '../../../__generated__/resolvers-types.js'

export const ChildMerge: ChildMergeResolvers = {
  survivor: (merge, _args, { loaders }) => loadExisting(loaders.childById, merge.survivorId, 'child'),
  merged: (merge, _args, { loaders }) => loadExisting(loaders.childById, merge.mergedId, 'child'),
  possibleDuplicate: (merge, _args, { loaders }) =>
    merge.possibleDuplicateId
      ? loadExisting(loaders.possibleDuplicateById, merge.possibleDuplicateId, 'possible duplicate')
      : null,
  deliveries: (merge, _args, { loaders }) => loaders.deliveriesByMergeId.load(merge.id),
}
