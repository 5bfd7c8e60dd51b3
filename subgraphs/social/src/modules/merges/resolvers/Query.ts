import type { QueryResolvers } from '../../../__generated__/resolvers-types.js'
import { listMergesPendingDelivery } from '../queries/child_merge.queries.js'

export const Query: QueryResolvers = {
  childMerge: (_parent, { id }, { loaders }) => loaders.childMergeById.load(id),
  pendingChildMerges: (_parent, _args, { db }) => listMergesPendingDelivery(db),
}
