import type { ProgrammeServiceResolvers } from '../__generated__/resolvers-types.js'

/** Health does not hold the programmes (social does): an item of one here is only the id social issued. */
export interface ProgrammeServiceParent {
  id: string
}

export const ProgrammeService: ProgrammeServiceResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  rehabilitationSessions: (service, _args, { loaders }) =>
    loaders.rehabilitationSessionsByProgrammeServiceId.load(service.id),
}
