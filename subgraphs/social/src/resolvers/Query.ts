import { accessAuditResolver } from '@hub/subgraph-kit/access/audit'
import { scanQuery } from '@hub/subgraph-kit/attachments/resolvers'
import type { QueryResolvers } from '../__generated__/resolvers-types.js'
import { socialEvents } from '../events.js'
import { socialReference } from '../reference.js'

/** The fields of no single module: the event feed and its webhooks, the access audit, the signed scans. */
export const Query: QueryResolvers = {
  ...socialEvents.Query,
  ...socialReference.Query,
  accessAudit: accessAuditResolver,
  socialScan: (_parent, { id }, context) => scanQuery(context, id),
}
