import { attachScanMutation } from '@hub/subgraph-kit/attachments/resolvers'
import type { MutationResolvers } from '../__generated__/resolvers-types.js'
import { socialEvents } from '../events.js'
import { socialReference } from '../reference.js'

/** The webhook administration and the signed scans, which belong to no single module. */
export const Mutation: MutationResolvers = {
  ...socialEvents.Mutation,
  ...socialReference.Mutation,
  attachSocialScan: (_parent, { input }, context, info) => attachScanMutation(context, info, input),
}
