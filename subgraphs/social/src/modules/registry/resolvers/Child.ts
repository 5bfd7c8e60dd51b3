import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { ChildResolvers } from '../../../__generated__/resolvers-types.js'
import { formatSnils } from '../../../identifiers.js'
import { fullName } from '../../../names.js'

export const Child: ChildResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.childById.load(ref.id),
  fullName: (child) => fullName(child),
  snils: (child) => (child.snils ? formatSnils(child.snils) : null),
  municipality: (child, _args, { loaders }) =>
    loadExisting(loaders.municipalityByOktmo, child.municipalityOktmo, 'municipality'),
  criteria: (child, _args, { loaders }) => loaders.criteriaByChildId.load(child.id),
  // The family as this child's: reading it is decided and audited for this child (see policy.ts).
  family: async (child, _args, { loaders }) => {
    const family = child.familyId ? await loaders.familyById.load(child.familyId) : null
    return family && { ...family, viaChildId: child.id }
  },
  statusHistory: (child, _args, { loaders }) => loaders.statusHistoryByChildId.load(child.id),
  referrals: (child, _args, { loaders }) => loaders.referralsByChildId.load(child.id),
  programmes: (child, _args, { loaders }) => loaders.programmesByChildId.load(child.id),
  mergedInto: (child, _args, { loaders }) => (child.mergedIntoId ? loaders.childById.load(child.mergedIntoId) : null),
  merges: (child, _args, { loaders }) => loaders.childMergesByChildId.load(child.id),
  socialSessions: (child, _args, { loaders }) => loaders.socialSessionsByChildId.load(child.id),
  consents: (child, _args, { loaders }) => loaders.consentsByChildId.load(child.id),
}
