import type { StaffMemberResolvers } from '../../../__generated__/resolvers-types.js'

export const StaffMember: StaffMemberResolvers = {
  organisation: (staff, _args, { loaders }) =>
    staff.organisation === null ? null : loaders.providerById.load(staff.organisation),
}
