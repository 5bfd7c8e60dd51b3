import { ngoEvents } from '../events.js'
import { accessAuditResolver } from '@hub/subgraph-kit/access/audit'
import type { QueryResolvers } from '../__generated__/resolvers-types.js'
import { listParentGroups } from '../db/queries/parent_group.queries.js'
import { requireOktmo } from '@hub/subgraph-kit/validation'

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
