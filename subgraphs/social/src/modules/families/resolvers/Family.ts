import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { FamilyResolvers } from '../../../__generated__/resolvers-types.js'
import { inForce, today } from '@hub/subgraph-kit/validation'

export const Family: FamilyResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.familyById.load(ref.id),
  municipality: (family, _args, { loaders }) =>
    loadExisting(loaders.municipalityByOktmo, family.municipalityOktmo, 'municipality'),
  members: async (family, { includeFormer }, { loaders }) => {
    const members = await loaders.familyMembersByFamilyId.load(family.id)
    return includeFormer ? members : members.filter((member) => member.leftOn === null)
  },
  legalRepresentatives: async (family, { inForceOn }, { loaders }) => {
    const day = inForceOn ?? today()
    const representatives = await loaders.legalRepresentativesByFamilyId.load(family.id)
    return representatives.filter((representative) => inForce(representative.validFrom, representative.validTo, day))
  },
  representationHistory: (family, _args, { loaders }) => loaders.legalRepresentativesByFamilyId.load(family.id),
  contacts: (family, _args, { loaders }) => loaders.contactsByFamilyId.load(family.id),
  situations: (family, _args, { loaders }) => loaders.familySituationsByFamilyId.load(family.id),
  inSop: async (family, _args, { loaders }) => {
    const situations = await loaders.familySituationsByFamilyId.load(family.id)
    return situations.some((situation) => situation.kind === 'SOP' && inForce(situation.decidedOn, situation.endedOn))
  },
  children: (family, _args, { loaders }) => loaders.childrenByFamilyId.load(family.id),
}
