import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { EarlyHelpUnitResolvers } from '../__generated__/resolvers-types.js'

export const EarlyHelpUnit: EarlyHelpUnitResolvers = {
  kindergarten: (unit, _args, { loaders }) =>
    loadExisting(loaders.kindergartenById, unit.kindergartenId, 'kindergarten'),
}
