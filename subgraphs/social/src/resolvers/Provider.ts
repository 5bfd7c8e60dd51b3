import { loadExisting } from '../../../kit/src/loaders.js'
import type { ProviderResolvers } from '../__generated__/resolvers-types.js'

export const Provider: ProviderResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.providerById.load(ref.id),
  municipality: (provider, _args, { loaders }) =>
    loadExisting(loaders.municipalityByOktmo, provider.municipalityOktmo, 'municipality'),
  municipalitiesServed: (provider, _args, { loaders }) => loaders.servedMunicipalitiesByProviderId.load(provider.id),
  services: (provider, _args, { loaders }) => loaders.offeredServicesByProviderId.load(provider.id),
}
