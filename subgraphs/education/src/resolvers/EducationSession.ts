import { loadExisting } from '@hub/subgraph-kit/loaders'
import { sessionSpecialist } from '@hub/side-contract/staffing/resolvers'
import type { EducationSessionResolvers } from '../__generated__/resolvers-types.js'

export const EducationSession: EducationSessionResolvers = {
  unit: (session, _args, { loaders }) => loadExisting(loaders.earlyHelpUnitById, session.unitId, 'early-help unit'),
  service: (session) => ({ code: session.serviceCode }),
  programmeService: (session) => (session.programmeServiceId ? { id: session.programmeServiceId } : null),
  specialist: sessionSpecialist,
}
