import { ngoEvents } from '../events.js'
import { accessAuditResolver } from '../../../kit/src/access/audit.js'
import type { QueryResolvers } from '../__generated__/resolvers-types.js'
import { listParentGroups } from '../db/queries/parent_group.queries.js'
import { requireOktmo } from '../../../kit/src/validation.js'

export const Query: QueryResolvers = {
  ...ngoEvents.Query,
  accessAudit: accessAuditResolver,
  parentGroups: async (_parent, { municipality }, { db, loaders }) => {
    const municipalityOktmo = municipality == null ? undefined : requireOktmo('municipality', municipality)
    const groups = await listParentGroups(db, { municipalityOktmo })
    for (const group of groups) loaders.parentGroupById.prime(group.id, group)
    return groups
  },
}
