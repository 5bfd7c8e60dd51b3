import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { CaseloadResolvers } from '../../../__generated__/resolvers-types.js'

export const Caseload: CaseloadResolvers = {
  lead: (caseload, _args, { loaders }) =>
    loadExisting(loaders.staffMemberBySubject, caseload.subject, 'member of staff'),
  provider: (caseload, _args, { loaders }) => loadExisting(loaders.providerById, caseload.providerId, 'provider'),
  children: (caseload) => caseload.childrenInForce,
  openItems: (caseload) => caseload.draftsAwaitingSignature + caseload.openReferrals,
  overdueItems: (caseload) => caseload.overdueReviews + caseload.overdueReferrals,
}
