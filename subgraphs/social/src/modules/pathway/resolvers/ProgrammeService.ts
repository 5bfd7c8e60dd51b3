import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { ProgrammeServiceResolvers } from '../../../__generated__/resolvers-types.js'

export const ProgrammeService: ProgrammeServiceResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.programmeServiceById.load(ref.id),
  programme: (service, _args, { loaders }) => loadExisting(loaders.programmeById, service.programmeId, 'programme'),
  serviceType: (service, _args, { loaders }) =>
    loadExisting(loaders.serviceTypeByCode, service.serviceCode, 'service type'),
  provider: (service, _args, { loaders }) => loadExisting(loaders.providerById, service.providerId, 'provider'),
  socialSessions: (service, _args, { loaders }) => loaders.socialSessionsByProgrammeServiceId.load(service.id),
}
