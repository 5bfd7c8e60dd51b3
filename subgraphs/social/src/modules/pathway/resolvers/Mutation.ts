import { idempotentlyById } from '@hub/subgraph-kit/idempotency/idempotency'
import type { MutationResolvers } from '../../../__generated__/resolvers-types.js'
import { actingOrganisation, actingSide } from '../../../attribution.js'
import { requireOwnReferral } from '../../../policy.js'
import { countUnreadNotifications, markNotificationsRead } from '../queries/deadline_notification.queries.js'
import { findNotificationRecipient, upsertNotificationRecipient } from '../queries/notification_recipient.queries.js'
import { findReviewById } from '../queries/programme_review.queries.js'
import { findSocialSessionById } from '../queries/social_session.queries.js'
import { setDeadlineClock, setNonWorkingDays } from '../services/calendar.js'
import {
  audienceOf,
  recipientOf,
  requireReadSelection,
  requireSettings,
  settingsOf,
} from '../services/notifications.js'
import { assignProgrammeLead } from '../services/programme-leads.js'
import {
  draftProgramme,
  exitProgramme,
  recordNeedDetermination,
  reviewProgramme,
  signProgramme,
} from '../services/programmes.js'
import {
  acceptReferral,
  pauseReferralClock,
  referChild,
  rejectReferral,
  resumeReferralClock,
} from '../services/referrals.js'
import { recordSocialSession } from '../services/sessions.js'

export const Mutation: MutationResolvers = {
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
}
