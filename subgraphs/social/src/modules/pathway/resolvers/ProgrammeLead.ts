import type { ProgrammeLeadResolvers } from '../../../__generated__/resolvers-types.js'

export const ProgrammeLead: ProgrammeLeadResolvers = {
  assignedByName: async (lead, _args, { loaders }) =>
    (await loaders.staffMemberBySubject.load(lead.assignedBy))?.name ?? null,
}
