import type { ServiceTypeResolvers } from '../../../__generated__/resolvers-types.js'

export const ServiceType: ServiceTypeResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.serviceTypeByCode.load(ref.code),
  versions: (service, _args, { loaders }) => loaders.serviceTypeVersionsByCode.load(service.code),
}
