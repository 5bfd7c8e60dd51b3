import { endSpecialistEmploymentMutation, staffingMutations } from '@hub/side-contract/staffing/resolvers'
import { validateRegisterSpecialist } from '@hub/side-contract/staffing/services'
import { idempotentlyById } from '@hub/subgraph-kit/idempotency/idempotency'
import type { MutationResolvers } from '../../../__generated__/resolvers-types.js'
import { findLastSocialSessionDateBySpecialistId } from '../../pathway/queries/social_session.queries.js'
import { addServiceType, changeServiceType, retireServiceType } from '../services/catalogue.js'
import { moderateProvider, registerProvider, setProviderCoverage } from '../services/providers.js'
import { registerSocialSpecialist } from '../services/specialists.js'

export const Mutation: MutationResolvers = {
  registerProvider: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => registerProvider(trx, input),
      (id) => context.loaders.providerById.load(id),
    ),
  setProviderCoverage: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => setProviderCoverage(trx, input)),
  moderateProvider: (_parent, { input }, { db }) => db.transaction().execute((trx) => moderateProvider(trx, input)),
  addServiceType: (_parent, { input }, { db, access }) =>
    db.transaction().execute((trx) => addServiceType(trx, access.viewer, input)),
  changeServiceType: (_parent, { input }, { db, access }) =>
    db.transaction().execute((trx) => changeServiceType(trx, access.viewer, input)),
  retireServiceType: (_parent, { input }, { db, access }) =>
    db.transaction().execute((trx) => retireServiceType(trx, access.viewer, input)),
  registerSocialSpecialist: (_parent, { input }, { db }) => {
    const specialist = validateRegisterSpecialist(input)
    return db.transaction().execute((trx) => registerSocialSpecialist(trx, specialist))
  },
  recordSocialSpecialistTraining: staffingMutations.recordSpecialistTraining,
  // A specialist's employment ends no earlier than their last session, which the pathway records.
  endSocialSpecialistEmployment: endSpecialistEmploymentMutation(findLastSocialSessionDateBySpecialistId),
}
