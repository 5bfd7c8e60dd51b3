import type { MutationResolvers } from '../../../__generated__/resolvers-types.js'
import { mergeChildren, undoChildMerge } from '../services/merges.js'

export const Mutation: MutationResolvers = {
  mergeChildren: async (_parent, { input }, { db, mergeCommitted }) => {
    const merge = await db.transaction().execute((trx) => mergeChildren(trx, input))
    mergeCommitted()
    return merge
  },
  undoChildMerge: async (_parent, { input }, { db, mergeCommitted }) => {
    const merge = await db.transaction().execute((trx) => undoChildMerge(trx, input))
    mergeCommitted()
    return merge
  },
}
