import { idempotentlyById } from '@hub/subgraph-kit/idempotency/idempotency'
import { today } from '@hub/subgraph-kit/validation'
import type { MutationResolvers } from '../../../__generated__/resolvers-types.js'
import { fileQuarterlyReport } from '../services/indicators.js'
import { freezeSideParts } from '../services/side-indicators.js'

export const Mutation: MutationResolvers = {
  fileQuarterlyReport: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) =>
        fileQuarterlyReport(
          trx,
          { ...input, coverageRule: input.coverageRule ?? 'PROGRAMME_IN_FORCE' },
          {
            viewer: context.access.viewer,
            today: today(),
            // A social subgraph running alone (no sides configured) keeps only its own parts.
            freezeSides: async (parts) => {
              if (context.sides) await freezeSideParts(context.sides, parts)
            },
          },
        ),
      (id) => context.loaders.quarterlyReportById.load(id),
    ),
}
