import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { ProviderCountResolvers } from '../../../__generated__/resolvers-types.js'

export const ProviderCount: ProviderCountResolvers = {
  provider: (count, _args, { loaders }) => loadExisting(loaders.providerById, count.providerId, 'provider'),
}
