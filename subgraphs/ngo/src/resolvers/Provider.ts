import { staffingOfSide } from '@hub/side-contract/staffing/resolvers'
import type { ProviderResolvers } from '../__generated__/resolvers-types.js'

export const Provider: ProviderResolvers = {
  // Ngo does not hold the provider registry: a provider here is the id social issued, with its side and the roles its
  // services require when they arrive in the representation (@requires).
  __resolveReference: (ref) => ref,
  parentGroups: (provider, _args, { loaders }) => loaders.parentGroupsByProviderId.load(provider.id),
  volunteers: (provider, _args, { loaders }) => loaders.volunteersByProviderId.load(provider.id),
  ngoStaffing: staffingOfSide('NGO'),
}
