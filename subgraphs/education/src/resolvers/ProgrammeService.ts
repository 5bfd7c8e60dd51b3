import type { ProgrammeServiceResolvers } from '../__generated__/resolvers-types.js'

/** Education does not hold the programmes (social does): an item of one here is only the id social issued. */
export interface ProgrammeServiceParent {
  id: string
}

export const ProgrammeService: ProgrammeServiceResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  educationSessions: (service, _args, { loaders }) => loaders.educationSessionsByProgrammeServiceId.load(service.id),
}
