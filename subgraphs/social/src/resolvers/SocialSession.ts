import { loadExisting } from '../../../kit/src/loaders.js'
import { sessionSpecialist } from '../../../kit/src/staffing/resolvers.js'
import type { SocialSessionResolvers } from '../__generated__/resolvers-types.js'

export const SocialSession: SocialSessionResolvers = {
  programmeService: (session, _args, { loaders }) =>
    loadExisting(loaders.programmeServiceById, session.programmeServiceId, 'programme service'),
  specialist: sessionSpecialist,
}
