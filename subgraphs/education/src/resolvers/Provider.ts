import { staffingOfSide } from '@hub/side-contract/staffing/resolvers'
import type { ProviderResolvers } from '../__generated__/resolvers-types.js'

export const Provider: ProviderResolvers = {
  // Education does not hold the provider registry: the provider's side and the roles its services require arrive in the
  // representation (@requires) and live only as long as the request.
  __resolveReference: (ref) => ref,
  educationStaffing: staffingOfSide('EDUCATION'),
}
