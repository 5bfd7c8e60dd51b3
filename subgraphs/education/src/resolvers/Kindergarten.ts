import type { KindergartenResolvers } from '../__generated__/resolvers-types.js'

export const Kindergarten: KindergartenResolvers = {
  municipality: (kindergarten) => ({ oktmo: kindergarten.municipalityOktmo }),
  groups: (kindergarten, _args, { loaders }) => loaders.kindergartenGroupsByKindergartenId.load(kindergarten.id),
  earlyHelpUnits: (kindergarten, _args, { loaders }) => loaders.earlyHelpUnitsByKindergartenId.load(kindergarten.id),
}
