import { idempotentlyById } from '@hub/subgraph-kit/idempotency/idempotency'
import type { MutationResolvers } from '../../../__generated__/resolvers-types.js'
import { findConsentsByIds } from '../queries/consent.queries.js'
import { findFamilySituationById } from '../queries/family.queries.js'
import { recordConsent, revokeConsent } from '../services/consents.js'
import {
  addFamilyContact,
  addFamilyMember,
  addLegalRepresentative,
  attachChildToFamily,
  changeFamilyAddress,
  endFamilyMembership,
  endRepresentation,
  registerFamily,
  removeFamilyContact,
} from '../services/families.js'
import { endFamilySituation, recordFamilySituation } from '../services/family-situations.js'

export const Mutation: MutationResolvers = {
  registerFamily: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => registerFamily(trx, input),
      (id) => context.loaders.familyById.load(id),
    ),
  changeFamilyAddress: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => changeFamilyAddress(trx, input)),
  addFamilyMember: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => addFamilyMember(trx, input),
      (id) => context.loaders.familyMemberById.load(id),
    ),
  endFamilyMembership: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => endFamilyMembership(trx, input)),
  addLegalRepresentative: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => addLegalRepresentative(trx, input),
      (id) => context.loaders.legalRepresentativeById.load(id),
    ),
  endRepresentation: (_parent, { input }, { db }) => db.transaction().execute((trx) => endRepresentation(trx, input)),
  addFamilyContact: (_parent, { input }, { db }) => db.transaction().execute((trx) => addFamilyContact(trx, input)),
  removeFamilyContact: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => removeFamilyContact(trx, input)),
  attachChildToFamily: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => attachChildToFamily(trx, input)),
  recordFamilySituation: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => recordFamilySituation(trx, input),
      (id) => findFamilySituationById(context.db, id),
    ),
  endFamilySituation: (_parent, { input }, { db }) => db.transaction().execute((trx) => endFamilySituation(trx, input)),
  recordConsent: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => recordConsent(trx, input),
      async (id) => (await findConsentsByIds(context.db, [id]))[0],
    ),
  revokeConsent: (_parent, { input }, { db }) => db.transaction().execute((trx) => revokeConsent(trx, input)),
}
