import type { MunicipalityResolvers } from '../__generated__/resolvers-types.js'

export const Municipality: MunicipalityResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.municipalityByOktmo.load(ref.oktmo),
}
