import { loadExisting } from '@hub/subgraph-kit/loaders'
import { today } from '@hub/subgraph-kit/validation'
import type { ReferralResolvers } from '../../../__generated__/resolvers-types.js'
import { referralClockStates } from '../services/clocks.js'

export const Referral: ReferralResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.referralById.load(ref.id),
  child: (referral, _args, { loaders }) => loadExisting(loaders.childById, referral.childId, 'child'),
  provider: (referral, _args, { loaders }) => loadExisting(loaders.providerById, referral.providerId, 'provider'),
  pauses: (referral, _args, { loaders }) => loaders.pausesByReferralId.load(referral.id),
  clocks: async (referral, _args, { loaders }) => {
    const [pauses, calendar] = await Promise.all([loaders.pausesByReferralId.load(referral.id), loaders.calendar()])
    return referralClockStates(referral, pauses, calendar, today())
  },
}
