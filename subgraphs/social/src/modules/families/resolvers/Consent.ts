import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { ConsentResolvers } from '../../../__generated__/resolvers-types.js'

function moment(value: Date | string) {
  return value instanceof Date ? value : new Date(value)
}

export const Consent: ConsentResolvers = {
  child: (consent, _args, { loaders }) => loadExisting(loaders.childById, consent.childId, 'child'),
  representative: (consent, _args, { loaders }) =>
    loadExisting(loaders.legalRepresentativeById, consent.representativeId, 'legal representative'),
  recipientProvider: (consent, _args, { loaders }) =>
    consent.recipientProviderId === null
      ? null
      : loadExisting(loaders.providerById, consent.recipientProviderId, 'provider'),
  attachments: (consent, _args, { attachments }) => attachments.byRecordId.load(consent.id),
  inForce: (consent) => {
    const now = Date.now()
    return (
      moment(consent.givenAt).getTime() <= now &&
      (consent.revokedAt === null || moment(consent.revokedAt).getTime() > now)
    )
  },
}
