import type { TargetGroupCriterionResolvers } from '../../../__generated__/resolvers-types.js'
import { inForce } from '@hub/subgraph-kit/validation'
import { loadExisting } from '@hub/subgraph-kit/loaders'

export const TargetGroupCriterion: TargetGroupCriterionResolvers = {
  active: (criterion) => inForce(criterion.validFrom, criterion.validTo),
  child: (criterion, _args, { loaders }) => loadExisting(loaders.childById, criterion.childId, 'child'),
  attachments: (criterion, _args, { attachments }) => attachments.byRecordId.load(criterion.id),
}
