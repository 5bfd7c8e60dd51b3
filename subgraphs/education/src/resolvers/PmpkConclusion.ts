import type { PmpkConclusionResolvers } from '../__generated__/resolvers-types.js'

export const PmpkConclusion: PmpkConclusionResolvers = {
  attachments: (conclusion, _args, { attachments }) => attachments.byRecordId.load(conclusion.id),
}
