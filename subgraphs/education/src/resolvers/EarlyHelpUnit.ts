import { loadExisting } from '../../../kit/src/loaders.js'
import type { EarlyHelpUnitResolvers } from '../__generated__/resolvers-types.js'

export const EarlyHelpUnit: EarlyHelpUnitResolvers = {
  kindergarten: (unit, _args, { loaders }) =>
    loadExisting(loaders.kindergartenById, unit.kindergartenId, 'kindergarten'),
}
