import { educationEvents } from '../events.js'
import { accessAuditResolver } from '../../../kit/src/access/audit.js'
import { scanQuery } from '../../../kit/src/attachments/resolvers.js'
import { undeliveredSignalsResolver } from '../../../kit/src/signals/resolvers.js'
import { requireOktmo } from '../../../kit/src/validation.js'
import type { QueryResolvers } from '../__generated__/resolvers-types.js'
import { listKindergartens } from '../db/queries/kindergarten.queries.js'

export const Query: QueryResolvers = {
  ...educationEvents.Query,
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
