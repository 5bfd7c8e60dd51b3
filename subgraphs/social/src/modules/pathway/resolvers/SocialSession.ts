import { loadExisting } from '@hub/subgraph-kit/loaders'
import { sessionSpecialist } from '@hub/side-contract/staffing/resolvers'
import type { SocialSessionResolvers } from '../../../__generated__/resolvers-types.js'

export const SocialSession: SocialSessionResolvers = {
  programmeService: (session, _args, { loaders }) =>
    loadExisting(loaders.programmeServiceById, session.programmeServiceId, 'programme service'),
  specialist: sessionSpecialist,
}
