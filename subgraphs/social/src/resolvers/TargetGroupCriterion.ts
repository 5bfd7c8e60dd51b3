import type { TargetGroupCriterionResolvers } from '../__generated__/resolvers-types.js'
import { today } from './names.js'

export const TargetGroupCriterion: TargetGroupCriterionResolvers = {
  active: (criterion) => {
    const now = today()
    return criterion.validFrom <= now && (criterion.validTo === null || criterion.validTo >= now)
  },
}
