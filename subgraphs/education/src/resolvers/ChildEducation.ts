import { today } from '@hub/subgraph-kit/validation'
import type { ChildEducationResolvers } from '../__generated__/resolvers-types.js'
import { preschoolTransition } from '../services/transition.js'

export interface ChildEducationParent {
  childId: string
  /** From social, through the gateway; null when a caller of `_entities` did not send it. */
  birthDate: string | null
}

export const ChildEducation: ChildEducationResolvers = {
  pmpkConclusions: (parent, _args, { loaders }) => loaders.pmpkConclusionsByChildId.load(parent.childId),
  preschoolApplications: (parent, _args, { loaders }) => loaders.preschoolApplicationsByChildId.load(parent.childId),
  sessions: (parent, _args, { loaders }) => loaders.educationSessionsByChildId.load(parent.childId),
  transition: async (parent, _args, { loaders, settings }) => {
    if (parent.birthDate === null) return null
    const applications = await loaders.preschoolApplicationsByChildId.load(parent.childId)
    return preschoolTransition(parent.birthDate, applications, {
      transitionAgeMonths: settings.transitionAgeMonths,
      today: today(),
    })
  },
}
