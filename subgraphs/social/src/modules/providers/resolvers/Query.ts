import { today } from '@hub/subgraph-kit/validation'
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js'
import { listMunicipalities } from '../queries/municipality.queries.js'
import { listProviders } from '../queries/provider.queries.js'
import { listServiceTypes } from '../queries/service_type.queries.js'

export const Query: QueryResolvers = {
  municipalities: (_parent, _args, { db }) => listMunicipalities(db),
  providers: (_parent, { filter }, { db }) =>
    listProviders(db, {
      municipalityOktmo: filter?.municipality ?? undefined,
      side: filter?.side ?? undefined,
      serviceCode: filter?.service ?? undefined,
      remoteDelivery: filter?.remoteDelivery ?? undefined,
      moderationStatus: filter?.moderationStatus ?? 'APPROVED',
    }),
  serviceTypes: (_parent, { on }, { db }) => listServiceTypes(db, on ?? today()),
}
