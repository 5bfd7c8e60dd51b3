import { notFound } from '@hub/platform/errors'
import { loadExisting } from '@hub/subgraph-kit/loaders'
import { requirePageSize } from '@hub/subgraph-kit/paging'
import { requireUuid, today } from '@hub/subgraph-kit/validation'
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js'
import { workOf } from '../../../attribution.js'
import { listCalendarDaysOfYear, listDeadlineClocks, listNonWorkingDays } from '../queries/deadline_clock.queries.js'
import { countUnreadNotifications, listNotifications } from '../queries/deadline_notification.queries.js'
import { findNotificationRecipient } from '../queries/notification_recipient.queries.js'
import { listSignedProgrammes, listSignedProgrammesOfChildrenBornBy } from '../queries/programme.queries.js'
import { listCaseloadRows, listProgrammesLedBy } from '../queries/programme_lead.queries.js'
import { listOpenReferrals } from '../queries/referral.queries.js'
import { listStaffEligibleToLead } from '../queries/staff_member.queries.js'
import { calendarYear } from '../services/calendar.js'
import {
  latestBirthDateInTransitionNotice,
  programmeReviewState,
  referralClockStates,
  transitionNoticeState,
} from '../services/clocks.js'
import { audienceOf, requireOffset, settingsOf } from '../services/notifications.js'
import { countCaseloads, mayReadStaffOf, providerOfCaseloads } from '../services/programme-leads.js'
import { REGION } from './ProgrammeExitsDue.js'

export const Query: QueryResolvers = {
  referral: (_parent, { id }, { loaders }) => loaders.referralById.load(id),
  programme: (_parent, { id }, { loaders }) => loaders.programmeById.load(id),
  openReferrals: async (_parent, { provider, clock, clockStatus }, { db, loaders }) => {
    if (provider) requireUuid('provider', provider)
    const referrals = await listOpenReferrals(db, { providerId: provider ?? undefined })
    if (!clock && !clockStatus) return referrals
    const [calendar, pauses] = await Promise.all([
      loaders.calendar(),
      Promise.all(referrals.map((referral) => loaders.pausesByReferralId.load(referral.id))),
    ])
    const now = today()
    return referrals.filter((referral, i) =>
      referralClockStates(referral, pauses[i] ?? [], calendar, now).some(
        (state) => (!clock || state.code === clock) && (!clockStatus || state.status === clockStatus),
      ),
    )
  },
  overdueProgrammeReviews: async (_parent, { provider }, { db, loaders }) => {
    if (provider) requireUuid('provider', provider)
    const programmes = await listSignedProgrammes(db, provider ?? undefined)
    const [calendar, reviews] = await Promise.all([
      loaders.calendar(),
      Promise.all(programmes.map((programme) => loaders.reviewsByProgrammeId.load(programme.id))),
    ])
    const now = today()
    return programmes.filter(
      (programme, i) => programmeReviewState(programme, reviews[i] ?? [], calendar, now)?.status === 'OVERDUE',
    )
  },
  transitionsDue: async (_parent, { provider, clockStatus }, { db, loaders }) => {
    if (provider) requireUuid('provider', provider)
    const calendar = await loaders.calendar()
    const now = today()
    const bornBy = latestBirthDateInTransitionNotice(calendar, now)
    if (!bornBy) return []
    const programmes = await listSignedProgrammesOfChildrenBornBy(db, bornBy, provider ?? undefined)
    if (!clockStatus) return programmes
    const children = await Promise.all(
      programmes.map((programme) => loadExisting(loaders.childById, programme.childId, 'child')),
    )
    return programmes.filter(
      (programme, i) => transitionNoticeState(programme, children[i]!.birthDate, calendar, now)?.status === clockStatus,
    )
  },
  programmeExitsDue: (_parent, { provider }, { access }) => {
    const providerId = workOf(access, 'provider', provider)
    if (providerId === null) throw access.refusal('programmeExitsDue', 'programme')
    return { id: providerId ?? REGION }
  },
  deadlineClocks: (_parent, _args, { db }) => listDeadlineClocks(db),
  nonWorkingDays: (_parent, _args, { db }) => listNonWorkingDays(db),
  productionCalendar: (_parent, { year }, { db }) => listCalendarDaysOfYear(db, calendarYear('year', year)),
  staffMembers: async (_parent, { provider }, { db, access, loaders }) => {
    requireUuid('provider', provider)
    const found = await loaders.providerById.load(provider)
    if (!found) throw notFound('provider', 'provider', provider)
    mayReadStaffOf(access.viewer, provider)
    return listStaffEligibleToLead(db, found)
  },
  caseloads: async (_parent, { provider }, { db, access, loaders }) => {
    if (provider) requireUuid('provider', provider)
    const [rows, calendar] = await Promise.all([
      listCaseloadRows(db, providerOfCaseloads(access.viewer, provider ?? null)),
      loaders.calendar(),
    ])
    return countCaseloads(rows, calendar, today())
  },
  myCaseload: (_parent, _args, { db, access }) => listProgrammesLedBy(db, access.viewer.subject),
  myNotifications: async (_parent, { unreadOnly, first, after }, { db, access }) => {
    const query = {
      audience: audienceOf(access.viewer),
      subject: access.viewer.subject,
      unreadOnly: unreadOnly ?? false,
      first: requirePageSize(first),
      offset: requireOffset(after),
    }
    return { ...(await listNotifications(db, query)), next: query.offset + query.first }
  },
  unreadNotificationCount: (_parent, _args, { db, access }) =>
    countUnreadNotifications(db, audienceOf(access.viewer), access.viewer.subject),
  notificationSettings: async (_parent, _args, { db, access }) =>
    settingsOf(await findNotificationRecipient(db, access.viewer.subject)),
}
