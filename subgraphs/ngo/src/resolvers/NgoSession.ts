import { sessionSpecialist } from '@hub/side-contract/staffing/resolvers'
import type { NgoSessionResolvers } from '../__generated__/resolvers-types.js'

export const NgoSession: NgoSessionResolvers = {
  provider: (session) => ({ id: session.providerId }),
  service: (session) => ({ code: session.serviceCode }),
  programmeService: (session) => (session.programmeServiceId ? { id: session.programmeServiceId } : null),
  specialist: sessionSpecialist,
}
