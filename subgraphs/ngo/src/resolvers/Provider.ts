import type { ProviderResolvers } from '../__generated__/resolvers-types.js'

/** Ngo does not hold the provider registry: a provider here is only the id social issued. */
export interface ProviderParent {
  id: string
}

export const Provider: ProviderResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  parentGroups: (provider, _args, { loaders }) => loaders.parentGroupsByProviderId.load(provider.id),
  volunteers: (provider, _args, { loaders }) => loaders.volunteersByProviderId.load(provider.id),
}
