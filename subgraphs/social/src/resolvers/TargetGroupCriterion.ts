import type { TargetGroupCriterionResolvers } from '../__generated__/resolvers-types.js'
import { inForce } from '../../../kit/src/validation.js'

export const TargetGroupCriterion: TargetGroupCriterionResolvers = {
  active: (criterion) => inForce(criterion.validFrom, criterion.validTo),
}
