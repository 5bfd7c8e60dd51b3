import { loadExisting } from '../../../kit/src/loaders.js'
import { sessionSpecialist } from '../../../kit/src/staffing/resolvers.js'
import type { EducationSessionResolvers } from '../__generated__/resolvers-types.js'

export const EducationSession: EducationSessionResolvers = {
  unit: (session, _args, { loaders }) => loadExisting(loaders.earlyHelpUnitById, session.unitId, 'early-help unit'),
  service: (session) => ({ code: session.serviceCode }),
  programmeService: (session) => (session.programmeServiceId ? { id: session.programmeServiceId } : null),
  specialist: sessionSpecialist,
}
