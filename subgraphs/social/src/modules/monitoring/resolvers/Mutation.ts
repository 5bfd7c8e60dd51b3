import { idempotentlyById } from '@hub/subgraph-kit/idempotency/idempotency'
import { today } from '@hub/subgraph-kit/validation'
import type { MutationResolvers } from '../../../__generated__/resolvers-types.js'
import { fileQuarterlyReport } from '../services/indicators.js'

export const Mutation: MutationResolvers = {
  fileQuarterlyReport: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) =>
        fileQuarterlyReport(
          trx,
          context.access,
          { ...input, coverageRule: input.coverageRule ?? 'PROGRAMME_IN_FORCE' },
          today(),
          context.sides,
        ),
      (id) => context.loaders.quarterlyReportById.load(id),
    ),
}
