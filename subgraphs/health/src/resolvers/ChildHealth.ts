import type { ChildHealthResolvers } from '../__generated__/resolvers-types.js'

export interface ChildHealthParent {
  childId: string
}

export const ChildHealth: ChildHealthResolvers = {
  healthGroup: (parent, _args, { loaders }) => loaders.healthGroupByChildId.load(parent.childId),
  detectionEvents: (parent, _args, { loaders }) => loaders.detectionEventsByChildId.load(parent.childId),
  diagnoses: (parent, _args, { loaders }) => loaders.diagnosesByChildId.load(parent.childId),
  riskFactors: (parent, _args, { loaders }) => loaders.riskFactorsByChildId.load(parent.childId),
  dispensaryObservations: (parent, _args, { loaders }) => loaders.dispensaryObservationsByChildId.load(parent.childId),
  rehabilitationEpisodes: (parent, _args, { loaders }) => loaders.rehabilitationEpisodesByChildId.load(parent.childId),
}
