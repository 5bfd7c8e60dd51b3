import type { ParentGroupResolvers } from '../__generated__/resolvers-types.js'

export const ParentGroup: ParentGroupResolvers = {
  provider: (group) => ({ id: group.providerId }),
  municipality: (group) => ({ oktmo: group.municipalityOktmo }),
}
