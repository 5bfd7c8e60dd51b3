import { sessionSpecialist } from '../../../kit/src/staffing/resolvers.js'
import type { RehabilitationSessionResolvers } from '../__generated__/resolvers-types.js'

export const RehabilitationSession: RehabilitationSessionResolvers = {
  programmeService: (session) => (session.programmeServiceId ? { id: session.programmeServiceId } : null),
  specialist: sessionSpecialist,
}
