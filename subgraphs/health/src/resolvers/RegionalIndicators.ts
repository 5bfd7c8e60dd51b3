import { staffingIndicatorsOf } from '@hub/side-contract/staffing/indicators'
import type { RegionalIndicatorsResolvers } from '../__generated__/resolvers-types.js'

export const RegionalIndicators: RegionalIndicatorsResolvers = {
  // Social owns the indicators: the period and the providers arrive in the representation (@requires).
  __resolveReference: (ref) => ref,
  healthStaffing: staffingIndicatorsOf('HEALTH'),
}
