import { loadExisting } from '../../../kit/src/loaders.js'
import type { FamilyContactResolvers } from '../__generated__/resolvers-types.js'

export const FamilyContact: FamilyContactResolvers = {
  member: (contact, _args, { loaders }) => loadExisting(loaders.familyMemberById, contact.memberId, 'family member'),
}
