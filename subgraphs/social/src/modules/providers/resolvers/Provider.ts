import { loadExisting } from '@hub/subgraph-kit/loaders'
import { SPECIALIST_ROLES } from '@hub/side-contract/staffing/database'
import type { ProviderResolvers } from '../../../__generated__/resolvers-types.js'
import type { Loaders } from '../../../loaders.js'

/** The roles the provider's services require, in the order of the enum. */
async function requiredRoles(loaders: Loaders, providerId: string) {
  const rows = await loaders.requiredRolesByProviderId.load(providerId)
  return rows.map((row) => row.role).sort((a, b) => SPECIALIST_ROLES.indexOf(a) - SPECIALIST_ROLES.indexOf(b))
}

export const Provider: ProviderResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.providerById.load(ref.id),
  municipality: (provider, _args, { loaders }) =>
    loadExisting(loaders.municipalityByOktmo, provider.municipalityOktmo, 'municipality'),
  municipalitiesServed: (provider, _args, { loaders }) => loaders.servedMunicipalitiesByProviderId.load(provider.id),
  services: (provider, _args, { loaders }) => loaders.offeredServicesByProviderId.load(provider.id),
  requiredSpecialistRoles: (provider, _args, { loaders }) => requiredRoles(loaders, provider.id),
  // Social records the specialists of its own providers only; each other side records its own, on its own field.
  socialStaffing: async (provider, _args, { loaders }) =>
    provider.side === 'SOCIAL'
      ? { providerId: provider.id, requiredRoles: await requiredRoles(loaders, provider.id) }
      : null,
}
