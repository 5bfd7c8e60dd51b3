import type { ParentGroupResolvers } from '../__generated__/resolvers-types.js'

export const ParentGroup: ParentGroupResolvers = {
  provider: (group) => ({ id: group.providerId }),
  municipality: (group) => ({ oktmo: group.municipalityOktmo }),
  meetings: (group, _args, { loaders }) => loaders.meetingsByGroupId.load(group.id),
  activeParticipantCount: async (group, _args, { loaders }) =>
    (await loaders.activeParticipantCountByGroupId.load(group.id))?.count ?? 0,
}
