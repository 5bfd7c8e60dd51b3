import { educationEvents } from '../events.js'
import { educationReference } from '../reference.js'
import { accessAuditResolver } from '@hub/subgraph-kit/access/audit'
import { scanQuery } from '@hub/subgraph-kit/attachments/resolvers'
import { undeliveredSignalsResolver } from '@hub/side-contract/signals/resolvers'
import { requireOktmo } from '@hub/subgraph-kit/validation'
import type { QueryResolvers } from '../__generated__/resolvers-types.js'
import { listKindergartens } from '../db/queries/kindergarten.queries.js'

export const Query: QueryResolvers = {
  ...educationEvents.Query,
  ...educationReference.Query,
  accessAudit: accessAuditResolver,
  educationScan: (_parent, { id }, context) => scanQuery(context, id),
  // The side's own outbox, for its administrators: what social has not confirmed, and why.
  educationUndeliveredSignals: undeliveredSignalsResolver,
  // Public facts about organisations, the same for every caller: no child is named.
  kindergartens: async (_parent, { municipality }, { db, loaders }) => {
    const municipalityOktmo = municipality == null ? undefined : requireOktmo('municipality', municipality)
    const kindergartens = await listKindergartens(db, { municipalityOktmo })
    for (const kindergarten of kindergartens) loaders.kindergartenById.prime(kindergarten.id, kindergarten)
    return kindergartens
  },
}
