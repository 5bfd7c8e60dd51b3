import { loadExisting } from '@hub/subgraph-kit/loaders'
import { today } from '@hub/subgraph-kit/validation'
import type { ProgrammeResolvers } from '../../../__generated__/resolvers-types.js'
import { programmeReviewState, transitionNoticeState } from '../services/clocks.js'

export const Programme: ProgrammeResolvers = {
  child: (programme, _args, { loaders }) => loadExisting(loaders.childById, programme.childId, 'child'),
  referral: (programme, _args, { loaders }) => loadExisting(loaders.referralById, programme.referralId, 'referral'),
  provider: (programme, _args, { loaders }) => loadExisting(loaders.providerById, programme.providerId, 'provider'),
  signedBy: (programme, _args, { loaders }) =>
    programme.signedByRepresentativeId
      ? loaders.legalRepresentativeById.load(programme.signedByRepresentativeId)
      : null,
  lead: async (programme, _args, { loaders }) =>
    (await loaders.leadHistoryByProgrammeId.load(programme.id)).find((lead) => lead.until === null) ?? null,
  leadHistory: (programme, _args, { loaders }) => loaders.leadHistoryByProgrammeId.load(programme.id),
  goals: (programme, _args, { loaders }) => loaders.goalsByProgrammeId.load(programme.id),
  services: (programme, _args, { loaders }) => loaders.servicesByProgrammeId.load(programme.id),
  reviews: (programme, _args, { loaders }) => loaders.reviewsByProgrammeId.load(programme.id),
  attachments: (programme, _args, { attachments }) => attachments.byRecordId.load(programme.id),
  reviewClock: async (programme, _args, { loaders }) => {
    const [reviews, calendar] = await Promise.all([loaders.reviewsByProgrammeId.load(programme.id), loaders.calendar()])
    return programmeReviewState(programme, reviews, calendar, today())
  },
  transitionClock: async (programme, _args, { loaders }) => {
    const [child, calendar] = await Promise.all([
      loadExisting(loaders.childById, programme.childId, 'child'),
      loaders.calendar(),
    ])
    return transitionNoticeState(programme, child.birthDate, calendar, today())
  },
}
