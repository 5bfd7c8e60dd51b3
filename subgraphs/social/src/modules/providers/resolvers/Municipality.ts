import type { MunicipalityResolvers } from '../../../__generated__/resolvers-types.js'

export const Municipality: MunicipalityResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.municipalityByOktmo.load(ref.oktmo),
  // Loaded apart from the name: only a map asks for the geometry, and it is the bulk of the row.
  boundary: async (municipality, _args, { loaders }) =>
    (await loaders.boundaryByOktmo.load(municipality.oktmo))?.boundary ?? null,
}
