import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { RegistryCountResolvers } from '../../../__generated__/resolvers-types.js'
import type { RegistryStatus } from '../../../db/database.js'

/** A cell of the registry summary as the query computes it, its count already as the caller may see it. */
export interface RegistryCountParent {
  municipalityOktmo: string
  registryStatus: RegistryStatus
  count: number | null
  shown: string
}

export const RegistryCount: RegistryCountResolvers = {
  municipality: (cell, _args, { loaders }) =>
    loadExisting(loaders.municipalityByOktmo, cell.municipalityOktmo, 'municipality'),
}
