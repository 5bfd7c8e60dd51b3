import { ProviderStaffing, Specialist } from '@hub/side-contract/staffing/resolvers'
import type { Resolvers } from '../../__generated__/resolvers-types.js'
import { GeoJSONGeometryScalar } from './resolvers/GeoJSONGeometry.js'
import { Municipality } from './resolvers/Municipality.js'
import { Mutation } from './resolvers/Mutation.js'
import { Provider } from './resolvers/Provider.js'
import { Query } from './resolvers/Query.js'
import { ServiceType } from './resolvers/ServiceType.js'

/** The provider registry with its moderation and staffing, the catalogue of services, the region's municipalities. */
export const providers: Resolvers = {
  GeoJSONGeometry: GeoJSONGeometryScalar,
  Query,
  Mutation,
  Provider,
  ServiceType,
  Municipality,
  ProviderStaffing,
  Specialist,
}
