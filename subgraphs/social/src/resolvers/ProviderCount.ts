import { loadExisting } from '../../../kit/src/loaders.js'
import type { ProviderCountResolvers } from '../__generated__/resolvers-types.js'

export const ProviderCount: ProviderCountResolvers = {
  provider: (count, _args, { loaders }) => loadExisting(loaders.providerById, count.providerId, 'provider'),
}
