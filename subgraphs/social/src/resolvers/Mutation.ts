import { socialEvents } from '../events.js'
import { endSpecialistEmploymentMutation, staffingMutations } from '@hub/side-contract/staffing/resolvers'
import { validateRegisterSpecialist } from '@hub/side-contract/staffing/services'
import { actingOrganisation, actingSide } from '../attribution.js'
import { requireOwnReferral } from '../policy.js'
import { recordConsent, revokeConsent } from '../modules/families/services/consents.js'
import { fileQuarterlyReport } from '../modules/monitoring/services/indicators.js'
import { today } from '@hub/subgraph-kit/validation'
import { attachScanMutation } from '@hub/subgraph-kit/attachments/resolvers'
import type { MutationResolvers } from '../__generated__/resolvers-types.js'
import { findCriterionById } from '../modules/registry/queries/child_criterion.queries.js'
import { findFamilySituationById } from '../modules/families/queries/family.queries.js'
import { findReviewById } from '../modules/pathway/queries/programme_review.queries.js'
import {
  findLastSocialSessionDateBySpecialistId,
  findSocialSessionById,
} from '../modules/pathway/queries/social_session.queries.js'
import { findConsentsByIds } from '../modules/families/queries/consent.queries.js'
import { idempotently, idempotentlyById } from '@hub/subgraph-kit/idempotency/idempotency'
import { addCriterion, endCriterion } from '../modules/registry/services/criteria.js'
import { mergeChildren, undoChildMerge } from '../modules/merges/services/merges.js'
import { dismissPossibleDuplicate } from '../modules/registry/services/duplicates.js'
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
} from '../modules/families/services/families.js'
import { endFamilySituation, recordFamilySituation } from '../modules/families/services/family-situations.js'
import { attachSnils, registerChild } from '../modules/registry/services/registration.js'
import { moderateProvider, registerProvider, setProviderCoverage } from '../modules/providers/services/providers.js'
import { changeRegistryStatus } from '../modules/registry/services/registry-status.js'
import { registerSocialSpecialist } from '../modules/providers/services/specialists.js'
import {
  acceptReferral,
  pauseReferralClock,
  referChild,
  rejectReferral,
  resumeReferralClock,
} from '../modules/pathway/services/referrals.js'
import { setDeadlineClock, setNonWorkingDays } from '../modules/pathway/services/calendar.js'
import {
  draftProgramme,
  exitProgramme,
  recordNeedDetermination,
  reviewProgramme,
  signProgramme,
} from '../modules/pathway/services/programmes.js'
import { recordSocialSession } from '../modules/pathway/services/sessions.js'
import { assignProgrammeLead } from '../modules/pathway/services/programme-leads.js'
import {
  countUnreadNotifications,
  markNotificationsRead,
} from '../modules/pathway/queries/deadline_notification.queries.js'
import {
  findNotificationRecipient,
  upsertNotificationRecipient,
} from '../modules/pathway/queries/notification_recipient.queries.js'
import {
  audienceOf,
  recipientOf,
  requireReadSelection,
  requireSettings,
  settingsOf,
} from '../modules/pathway/services/notifications.js'
import {
  acceptChildFindSignal,
  dismissChildFindSignal,
  receiveChildFindSignal,
} from '../modules/registry/services/child-find-signals.js'

// Each mutation is one transaction: a rejected input or a failure at any step leaves nothing written. A creating
// mutation runs through `idempotently`, so that a retry with the request's idempotency key answers without writing.
export const Mutation: MutationResolvers = {
  ...socialEvents.Mutation,
  registerChild: (_parent, { input }, context, info) => {
    const source = actingSide(context.access, 'input.source', input.source)
    return idempotently(context, info, input, {
      write: (trx) => registerChild(trx, input, source),
      remember: ({ outcome, child, possibleDuplicate, notApplied }) => ({
        outcome,
        childId: child.id,
        possibleDuplicateId: possibleDuplicate?.id ?? null,
        notApplied,
      }),
      replay: async ({ outcome, childId, possibleDuplicateId, notApplied }) => {
        const child = await context.loaders.childById.load(childId)
        const possibleDuplicate = possibleDuplicateId
          ? await context.loaders.possibleDuplicateById.load(possibleDuplicateId)
          : null
        // A key remembered before registrations reported what they did not apply answers with nothing to report.
        return child && { outcome, child, possibleDuplicate, notApplied: notApplied ?? [] }
      },
    })
  },
  attachSnils: (_parent, { input }, { db }) => db.transaction().execute((trx) => attachSnils(trx, input)),
  changeRegistryStatus: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => changeRegistryStatus(trx, input)),
  addCriterion: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => addCriterion(trx, input),
      (id) => findCriterionById(context.db, id),
    ),
  endCriterion: (_parent, { input }, { db }) => db.transaction().execute((trx) => endCriterion(trx, input)),
  receiveChildFindSignal: (_parent, { input }, { db, access }) =>
    db.transaction().execute((trx) => receiveChildFindSignal(trx, access.viewer, input)),
  acceptChildFindSignal: (_parent, { input }, { db, access }) =>
    db.transaction().execute((trx) => acceptChildFindSignal(trx, access.viewer, input)),
  dismissChildFindSignal: (_parent, { input }, { db, access }) =>
    db.transaction().execute((trx) => dismissChildFindSignal(trx, access.viewer, input)),
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
  referChild: async (_parent, { input }, context, info) => {
    const sender = {
      side: actingSide(context.access, 'input.fromSide', input.fromSide),
      organisation: await actingOrganisation(context, 'input.fromOrganisation', input.fromOrganisation),
    }
    return idempotentlyById(
      context,
      info,
      input,
      (trx) => referChild(trx, input, sender),
      (id) => context.loaders.referralById.load(id),
    )
  },
  acceptReferral: async (_parent, { input }, context) => {
    await requireOwnReferral(context, input.referralId)
    return context.db.transaction().execute((trx) => acceptReferral(trx, input))
  },
  rejectReferral: async (_parent, { input }, context) => {
    await requireOwnReferral(context, input.referralId)
    return context.db.transaction().execute((trx) => rejectReferral(trx, input))
  },
  pauseReferralClock: async (_parent, { input }, context) => {
    await requireOwnReferral(context, input.referralId)
    return context.db.transaction().execute((trx) => pauseReferralClock(trx, input))
  },
  resumeReferralClock: async (_parent, { input }, context) => {
    await requireOwnReferral(context, input.referralId)
    return context.db.transaction().execute((trx) => resumeReferralClock(trx, input))
  },
  setDeadlineClock: (_parent, { input }, { db }) => db.transaction().execute((trx) => setDeadlineClock(trx, input)),
  setNonWorkingDays: (_parent, { input }, { db }) => db.transaction().execute((trx) => setNonWorkingDays(trx, input)),
  dismissPossibleDuplicate: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => dismissPossibleDuplicate(trx, input)),
  mergeChildren: async (_parent, { input }, { db, mergeCommitted }) => {
    const merge = await db.transaction().execute((trx) => mergeChildren(trx, input))
    mergeCommitted()
    return merge
  },
  undoChildMerge: async (_parent, { input }, { db, mergeCommitted }) => {
    const merge = await db.transaction().execute((trx) => undoChildMerge(trx, input))
    mergeCommitted()
    return merge
  },
  recordNeedDetermination: async (_parent, { input }, context) => {
    await requireOwnReferral(context, input.referralId)
    return context.db.transaction().execute((trx) => recordNeedDetermination(trx, input))
  },
  draftProgramme: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => draftProgramme(trx, input),
      (id) => context.loaders.programmeById.load(id),
    ),
  signProgramme: (_parent, { input }, { db }) => db.transaction().execute((trx) => signProgramme(trx, input)),
  reviewProgramme: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => reviewProgramme(trx, input),
      (id) => findReviewById(context.db, id),
    ),
  exitProgramme: (_parent, { input }, { db }) => db.transaction().execute((trx) => exitProgramme(trx, input)),
  markNotificationsRead: (_parent, { input }, { db, access }) => {
    const selection = requireReadSelection(input)
    const audience = audienceOf(access.viewer)
    return db.transaction().execute(async (trx) => ({
      marked: await markNotificationsRead(trx, audience, access.viewer.subject, selection),
      unreadCount: await countUnreadNotifications(trx, audience, access.viewer.subject),
    }))
  },
  updateNotificationSettings: (_parent, { input }, { db, access }) => {
    const settings = requireSettings(input)
    return db.transaction().execute(async (trx) => {
      await upsertNotificationRecipient(trx, recipientOf(access.viewer, settings))
      return settingsOf(await findNotificationRecipient(trx, access.viewer.subject))
    })
  },
  assignProgrammeLead: (_parent, { input }, { db, access }) =>
    db.transaction().execute((trx) => assignProgrammeLead(trx, access.viewer, input)),
  recordSocialSession: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => recordSocialSession(trx, input),
      (id) => findSocialSessionById(context.db, id),
    ),
  registerSocialSpecialist: (_parent, { input }, { db }) => {
    const specialist = validateRegisterSpecialist(input)
    return db.transaction().execute((trx) => registerSocialSpecialist(trx, specialist))
  },
  recordSocialSpecialistTraining: staffingMutations.recordSpecialistTraining,
  endSocialSpecialistEmployment: endSpecialistEmploymentMutation(findLastSocialSessionDateBySpecialistId),
  recordConsent: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => recordConsent(trx, input),
      async (id) => (await findConsentsByIds(context.db, [id]))[0],
    ),
  revokeConsent: (_parent, { input }, { db }) => db.transaction().execute((trx) => revokeConsent(trx, input)),
  attachSocialScan: (_parent, { input }, context, info) => attachScanMutation(context, info, input),
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
