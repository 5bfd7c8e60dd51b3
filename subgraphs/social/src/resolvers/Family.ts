import { loadExisting } from '../../../kit/src/loaders.js'
import type { FamilyResolvers } from '../__generated__/resolvers-types.js'
import { inForce } from '../../../kit/src/validation.js'

export const Family: FamilyResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.familyById.load(ref.id),
  municipality: (family, _args, { loaders }) =>
    loadExisting(loaders.municipalityByOktmo, family.municipalityOktmo, 'municipality'),
  legalRepresentatives: (family, _args, { loaders }) => loaders.legalRepresentativesByFamilyId.load(family.id),
  situations: (family, _args, { loaders }) => loaders.familySituationsByFamilyId.load(family.id),
  inSop: async (family, _args, { loaders }) => {
    const situations = await loaders.familySituationsByFamilyId.load(family.id)
    return situations.some((situation) => situation.kind === 'SOP' && inForce(situation.decidedOn, situation.endedOn))
  },
  children: (family, _args, { loaders }) => loaders.childrenByFamilyId.load(family.id),
}
