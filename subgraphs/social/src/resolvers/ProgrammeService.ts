import { loadExisting } from '../../../kit/src/loaders.js'
import type { ProgrammeServiceResolvers } from '../__generated__/resolvers-types.js'

export const ProgrammeService: ProgrammeServiceResolvers = {
  serviceType: (service, _args, { loaders }) =>
    loadExisting(loaders.serviceTypeByCode, service.serviceCode, 'service type'),
  provider: (service, _args, { loaders }) => loadExisting(loaders.providerById, service.providerId, 'provider'),
}
