import type { LegalRepresentativeResolvers } from '../__generated__/resolvers-types.js'
import { fullName } from '../names.js'

export const LegalRepresentative: LegalRepresentativeResolvers = {
  fullName: (representative) => fullName(representative),
}
