import { sessionSpecialist } from '@hub/side-contract/staffing/resolvers'
import type { RehabilitationSessionResolvers } from '../__generated__/resolvers-types.js'

export const RehabilitationSession: RehabilitationSessionResolvers = {
  programmeService: (session) => (session.programmeServiceId ? { id: session.programmeServiceId } : null),
  specialist: sessionSpecialist,
}
