import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { FamilyContactResolvers } from '../../../__generated__/resolvers-types.js'

export const FamilyContact: FamilyContactResolvers = {
  member: (contact, _args, { loaders }) => loadExisting(loaders.familyMemberById, contact.memberId, 'family member'),
}
