import { healthEvents } from '../events.js'
import { healthReference } from '../reference.js'
import { accessAuditResolver } from '@hub/subgraph-kit/access/audit'
import { undeliveredSignalsResolver } from '@hub/side-contract/signals/resolvers'
import type { QueryResolvers } from '../__generated__/resolvers-types.js'
import { listIcd10Codes } from '../db/queries/icd10_code.queries.js'

export const Query: QueryResolvers = {
  ...healthEvents.Query,
  ...healthReference.Query,
  accessAudit: accessAuditResolver,
  // The side's own outbox, for its administrators: what social has not confirmed, and why.
  healthUndeliveredSignals: undeliveredSignalsResolver,
  // Reference data, the same for every caller: it names diseases, never a child.
  icd10Codes: (_parent, _args, { db }) => listIcd10Codes(db),
}
