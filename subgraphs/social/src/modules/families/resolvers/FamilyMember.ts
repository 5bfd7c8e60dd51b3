import type { FamilyMemberResolvers } from '../../../__generated__/resolvers-types.js'
import { fullName } from '../../../names.js'

export const FamilyMember: FamilyMemberResolvers = {
  fullName: (member) => fullName(member),
  representations: (member, _args, { loaders }) => loaders.legalRepresentativesByMemberId.load(member.id),
  contacts: (member, _args, { loaders }) => loaders.contactsByMemberId.load(member.id),
}
