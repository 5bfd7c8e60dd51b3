import { loadExisting } from '@hub/subgraph-kit/loaders'
import { inForce } from '@hub/subgraph-kit/validation'
import type { LegalRepresentativeResolvers } from '../../../__generated__/resolvers-types.js'
import { fullName } from '../../../names.js'

export const LegalRepresentative: LegalRepresentativeResolvers = {
  member: (representative, _args, { loaders }) =>
    loadExisting(loaders.familyMemberById, representative.memberId, 'family member'),
  fullName: (representative) => fullName(representative),
  inForce: (representative) => inForce(representative.validFrom, representative.validTo),
}
