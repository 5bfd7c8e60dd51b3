import { socialEvents } from '../events.js'
import { accessAuditResolver } from '@hub/subgraph-kit/access/audit'
import { scanQuery } from '@hub/subgraph-kit/attachments/resolvers'
import { badUserInput } from '@hub/platform/errors'
import { requireReportingPeriod, shownCount } from '@hub/subgraph-kit/access/analytics'
import { isUuid, loadExisting, MAX_BATCH_SIZE } from '@hub/subgraph-kit/loaders'
import type { ChildGrant } from '@hub/subgraph-kit/access/request'
import { isOneOf, SIDES, type Viewer } from '@hub/platform/auth/viewer'
import { consentRecipient, findGrants } from '../modules/families/services/consents.js'
import { familySearch } from '../modules/families/services/families.js'
import { listFamilies, type FamilyFilter } from '../modules/families/queries/family.queries.js'
import { depersonalisedGroups } from '../modules/monitoring/services/cohorts.js'
import type { IndicatorFigure, QueryResolvers } from '../__generated__/resolvers-types.js'
import type { Context } from '../context.js'
import { listMergesPendingDelivery } from '../modules/merges/queries/child_merge.queries.js'
import {
  countChildrenByMunicipalityAndStatus,
  findDepersonalisedByIds,
  listChildren,
  listCohort,
} from '../modules/registry/queries/child.queries.js'
import { listQuarterlyReports } from '../modules/monitoring/queries/quarterly_report.queries.js'
import { figureChildren, liveIndicators } from '../modules/monitoring/services/indicators.js'
import { indicatorsById } from '../modules/monitoring/resolvers/RegionalIndicators.js'
import { listMunicipalities } from '../modules/providers/queries/municipality.queries.js'
import { listProviders } from '../modules/providers/queries/provider.queries.js'
import { listServiceTypes } from '../modules/providers/queries/service_type.queries.js'
import { listPossibleDuplicates } from '../modules/registry/queries/possible_duplicate.queries.js'
import { findChildFindSignalById, listChildFindSignals } from '../modules/registry/queries/child_find_signal.queries.js'
import { listOpenReferrals } from '../modules/pathway/queries/referral.queries.js'
import { listDeadlineClocks, listNonWorkingDays } from '../modules/pathway/queries/deadline_clock.queries.js'
import {
  latestBirthDateInTransitionNotice,
  programmeReviewState,
  referralClockStates,
  transitionNoticeState,
} from '../modules/pathway/services/clocks.js'
import {
  listSignedProgrammes,
  listSignedProgrammesOfChildrenBornBy,
} from '../modules/pathway/queries/programme.queries.js'
import { requireIntegerBetween, requireOktmo, requirePeriod, requireUuid, today } from '@hub/subgraph-kit/validation'
import { pageOfIds, requireAfterId, requirePageSize } from '@hub/subgraph-kit/paging'
import { REGION } from '../modules/pathway/resolvers/ProgrammeExitsDue.js'
import { listCaseloadRows, listProgrammesLedBy } from '../modules/pathway/queries/programme_lead.queries.js'
import { listStaffEligibleToLead } from '../modules/pathway/queries/staff_member.queries.js'
import { countCaseloads, mayReadStaffOf, providerOfCaseloads } from '../modules/pathway/services/programme-leads.js'
import { notFound } from '@hub/platform/errors'
import { registrySearch } from '../names.js'
import {
  listConsentsRequiringAttention,
  listExpiredCriteria,
  listProgrammeDraftsAwaitingSignature,
  type WorkQueueQuery,
} from '../modules/monitoring/queries/work_queue.queries.js'
import type { RequestAccess } from '@hub/subgraph-kit/access/request'
import { hubError } from '@hub/platform/errors'
import {
  countUnreadNotifications,
  listNotifications,
} from '../modules/pathway/queries/deadline_notification.queries.js'
import { findNotificationRecipient } from '../modules/pathway/queries/notification_recipient.queries.js'
import { audienceOf, requireOffset, settingsOf } from '../modules/pathway/services/notifications.js'

/** The provider a caller works for, if its organisation is one of the registry's. */
function providerOf(viewer: Viewer) {
  return viewer.organisation !== null && isUuid(viewer.organisation) ? viewer.organisation : null
}

/**
 * The families a caller's rule for family data opens (the gate has refused those it opens none): a provider's staff
 * those of children in its care, another side's staff those whose consent shares the family's data with them.
 */
function familiesOpenTo(access: RequestAccess): Pick<FamilyFilter, 'careOf' | 'consentedTo'> {
  const rule = access.rule('family')
  if (rule === 'referred') return { careOf: providerOf(access.viewer) }
  if (rule !== 'consent') return {}
  const { side, organisation } = access.viewer
  if (side === null) return { careOf: null }
  return { consentedTo: { recipient: consentRecipient(side, organisation), purpose: access.purpose } }
}

/**
 * The rows of a work queue a caller asks for: a provider's staff get only what concerns their own organisation, and
 * naming another is refused rather than silently narrowed.
 */
function workQueue(
  access: RequestAccess,
  filter: { municipality?: string | null; provider?: string | null } | null | undefined,
  first: number | null | undefined,
  offset: number | null | undefined,
): WorkQueueQuery {
  const skip = offset ?? 0
  if (!Number.isInteger(skip) || skip < 0)
    throw badUserInput('offset', 'NUMBER_AT_LEAST', 'must be a whole number, 0 or more', { min: 0 })
  const query: WorkQueueQuery = { today: today(), first: requirePageSize(first), offset: skip }
  if (filter?.municipality != null) query.municipalityOktmo = requireOktmo('filter.municipality', filter.municipality)
  const providerId = workOf(access, 'filter.provider', filter?.provider)
  if (providerId !== undefined) query.providerId = providerId
  return query
}

/**
 * The provider whose work a caller asks for (none: every provider's): a provider's staff get their own organisation's
 * (null for staff of no provider), and naming another is refused rather than silently narrowed.
 */
function workOf(access: RequestAccess, field: string, provider: string | null | undefined) {
  const asked = provider == null ? undefined : requireUuid(field, provider)
  if (access.class !== 'provider') return asked
  const own = providerOf(access.viewer)
  if (asked !== undefined && asked !== own) {
    throw hubError(
      'FORBIDDEN',
      'OWN_ORGANISATION_ONLY',
      `${field}: a provider's staff see only their own organisation's work`,
      {
        field,
      },
    )
  }
  return own
}

/** The children behind one figure of the indicators an id names, each with the keys it is counted under. */
async function childrenOfFigure(
  { db, loaders, access }: Context,
  indicators: string,
  figure: IndicatorFigure,
  key: string | null | undefined,
) {
  const parent = await indicatorsById(loaders, access, 'indicators', indicators)
  if (parent === null) throw badUserInput('indicators', 'UNKNOWN_REPORT', 'names no filed report')
  return figureChildren(db, parent, figure, key ?? null)
}

export const Query: QueryResolvers = {
  ...socialEvents.Query,
  accessAudit: accessAuditResolver,
  child: (_parent, { id }, { loaders }) => loaders.childById.load(id),
  children: async (_parent, { filter, first, after }, { db, loaders, access }) => {
    const page = await listChildren(db, {
      filter: {
        municipalityOktmo: filter?.municipality ?? undefined,
        registryStatus: filter?.registryStatus ?? undefined,
        criterion: filter?.criterion ?? undefined,
        bornOnOrAfter: filter?.bornOnOrAfter ?? undefined,
        bornOnOrBefore: filter?.bornOnOrBefore ?? undefined,
        search: filter?.search == null ? undefined : registrySearch('filter.search', filter.search),
        referredTo: access.rule('identity') === 'referred' ? providerOf(access.viewer) : undefined,
      },
      first: requirePageSize(first),
      afterId: requireAfterId(after),
    })
    for (const child of page.rows) loaders.childById.prime(child.id, child)
    return page
  },
  family: (_parent, { id }, { loaders }) => loaders.familyById.load(id),
  families: async (_parent, { filter, first, after }, { db, loaders, access }) => {
    const page = await listFamilies(db, {
      filter: {
        search: filter?.search == null ? undefined : familySearch('filter.search', filter.search),
        ...familiesOpenTo(access),
      },
      first: requirePageSize(first),
      afterId: requireAfterId(after),
    })
    for (const family of page.rows) loaders.familyById.prime(family.id, family)
    return page
  },
  childMerge: (_parent, { id }, { loaders }) => loaders.childMergeById.load(id),
  pendingChildMerges: (_parent, _args, { db }) => listMergesPendingDelivery(db),
  municipalities: (_parent, _args, { db }) => listMunicipalities(db),
  providers: (_parent, { filter }, { db }) =>
    listProviders(db, {
      municipalityOktmo: filter?.municipality ?? undefined,
      side: filter?.side ?? undefined,
      serviceCode: filter?.service ?? undefined,
      remoteDelivery: filter?.remoteDelivery ?? undefined,
      moderationStatus: filter?.moderationStatus ?? 'APPROVED',
    }),
  serviceTypes: (_parent, _args, { db }) => listServiceTypes(db),
  referral: (_parent, { id }, { loaders }) => loaders.referralById.load(id),
  programme: (_parent, { id }, { loaders }) => loaders.programmeById.load(id),
  consent: (_parent, { id }, { loaders }) => loaders.consentById.load(id),
  socialScan: (_parent, { id }, context) => scanQuery(context, id),
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
  expiredCriteria: (_parent, { filter, first, offset }, { db, access }) =>
    listExpiredCriteria(db, workQueue(access, filter, first, offset)),
  programmeDraftsAwaitingSignature: (_parent, { filter, first, offset }, { db, access }) =>
    listProgrammeDraftsAwaitingSignature(db, workQueue(access, filter, first, offset)),
  consentsRequiringAttention: (_parent, { filter, days, first, offset }, { db, access }) =>
    listConsentsRequiringAttention(db, {
      ...workQueue(access, filter, first, offset),
      days: requireIntegerBetween('days', days ?? 30, 1, 365),
    }),
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
  possibleDuplicates: (_parent, { status }, { db }) => listPossibleDuplicates(db, status ?? 'OPEN'),
  childFindSignals: (_parent, { status, first, after }, { db }) =>
    listChildFindSignals(db, {
      status: status ?? 'NEW',
      first: requirePageSize(first),
      afterId: requireAfterId(after),
    }),
  childFindSignal: async (_parent, { id }, { db }) =>
    isUuid(id) ? ((await findChildFindSignalById(db, id)) ?? null) : null,
  registrySummary: async (_parent, { municipality }, { db, access }) => {
    const oktmo = municipality == null ? undefined : requireOktmo('municipality', municipality)
    const cells = await countChildrenByMunicipalityAndStatus(db, oktmo)
    return cells.map((cell) => ({ ...cell, ...shownCount(access, cell) }))
  },
  registryCohort: async (_parent, { municipality, registryStatus }, { db, access }) =>
    depersonalisedGroups(
      await listCohort(db, requireOktmo('municipality', municipality), registryStatus),
      access,
      'registryCohort',
    ),
  regionalIndicators: (_parent, { period, municipality, coverageRule }, { access }) =>
    liveIndicators({
      ...requireReportingPeriod(access, 'period', requirePeriod('period', period)),
      municipality: municipality == null ? null : requireOktmo('municipality', municipality),
      coverageRule: coverageRule ?? 'PROGRAMME_IN_FORCE',
    }),
  indicatorCohort: async (_parent, { indicators, figure, key }, context) => {
    const childIds = (await childrenOfFigure(context, indicators, figure, key)).map((child) => child.childId)
    return depersonalisedGroups(await findDepersonalisedByIds(context.db, childIds), context.access, 'indicatorCohort')
  },
  indicatorChildren: async (_parent, { indicators, figure, key, first, after }, context) => {
    const children = await childrenOfFigure(context, indicators, figure, key)
    const page = pageOfIds(
      children.map((child) => child.childId),
      requirePageSize(first),
      requireAfterId(after),
    )
    return {
      totalCount: page.totalCount,
      rows: await Promise.all(page.ids.map((id) => loadExisting(context.loaders.childById, id, 'child'))),
      hasNextPage: page.hasNextPage,
      keys: new Map(children.map((child) => [child.childId, child.keys])),
    }
  },
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
  quarterlyReports: (_parent, { year }, { db }) => listQuarterlyReports(db, year ?? null),
  quarterlyReport: (_parent, { id }, { loaders }) => loaders.quarterlyReportById.load(id),
  indicators: (_parent, { id }, { loaders, access }) => indicatorsById(loaders, access, 'id', id),
  accessGrants: async (_parent, { childIds, side, organisation, purpose }, { db }) => {
    if (!isOneOf(SIDES, side)) throw badUserInput('side', 'ONE_OF', `must be one of ${SIDES.join(', ')}`)
    if (childIds.length > MAX_BATCH_SIZE)
      throw badUserInput('childIds', 'LIST_TOO_LONG', `must name at most ${MAX_BATCH_SIZE} children`, {
        max: MAX_BATCH_SIZE,
      })
    const grants = await findGrants(db, side, organisation ?? null, purpose, childIds.filter(isUuid))
    return [...grants].map(([childId, grant]) => ({ childId, ...grant }))
  },
}

/** One child's grant as `accessGrants` answers it. */
export interface ChildAccessGrantParent extends ChildGrant {
  childId: string
}
