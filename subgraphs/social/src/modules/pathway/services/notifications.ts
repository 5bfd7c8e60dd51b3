import type { Insertable, Kysely } from 'kysely'
import { viewerClass } from '@hub/subgraph-kit/access/policy'
import type { Viewer } from '@hub/platform/auth/viewer'
import { badUserInput } from '@hub/platform/errors'
import { isUuid } from '@hub/subgraph-kit/loaders'
import { addDays, addMonths, requireUuid } from '@hub/subgraph-kit/validation'
import {
  programmeReviewState,
  referralClockStates,
  signalHandlingState,
  transitionNoticeState,
  type RegionCalendar,
} from './clocks.js'
import type { ClockCode, DB, DeadlineNotificationTable, NotificationCrossing } from '../../../db/database.js'
import { findChildrenByIds } from '../../registry/queries/child.queries.js'
import { listNewChildFindSignals } from '../../registry/queries/child_find_signal.queries.js'
import {
  insertNotifications,
  type DeadlineNotificationRow,
  type NotificationAudience,
} from '../queries/deadline_notification.queries.js'
import type { NotificationRecipientRow } from '../queries/notification_recipient.queries.js'
import { listSignedProgrammes, listSignedProgrammesOfChildrenBornBy } from '../queries/programme.queries.js'
import { findReviewsByProgrammeIds } from '../queries/programme_review.queries.js'
import { findPausesByReferralIds, listOpenReferrals } from '../queries/referral.queries.js'
import { requireEmail } from '../../families/services/families.js'

/**
 * Deadline notifications: what crosses a line of its clock (comes within the configured days of its due date, or
 * passes it) is written once as a fact, addressed to the coordination (social's and the region's staff) and to the
 * item's provider (a child-find signal, which the coordination decides, to the coordination only). The screens list
 * them per user; the daily digest (notification-scheduler.ts) e-mails what is due.
 */

/** One run of a clock of an open item that has crossed a line as of the sweep's day. */
export interface Crossing {
  itemKind: 'REFERRAL' | 'PROGRAMME' | 'SIGNAL'
  itemId: string
  childId: string
  /** Null for a child-find signal: the coordination's alone. */
  providerId: string | null
  clock: ClockCode
  startedOn: string
  dueOn: string
  crossing: NotificationCrossing
  /** A referral's state, which decides the form its notification leads to. */
  referral: { status: string; needOutcome: string | null } | null
}

/** The line a clock's state has crossed on `today`, if any: overdue, or running and due within `daysAhead` days. */
function crossingOf(state: { status: string; dueOn: string } | null, today: string, daysAhead: number) {
  if (state?.status === 'OVERDUE') return 'BREACHED' as const
  if (state?.status === 'RUNNING' && state.dueOn <= addDays(today, daysAhead)) return 'DUE_SOON' as const
  return null
}

/** Rows by the key they belong to. */
function grouped<Row>(rows: readonly Row[], key: (row: Row) => string) {
  const groups = new Map<string, Row[]>()
  for (const row of rows) {
    const group = groups.get(key(row))
    if (group) group.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

/**
 * Every open item whose clock has crossed a line on `today`: referrals, programme reviews, transitions and the
 * handling of child-find signals not yet decided.
 */
export async function findCrossings(
  db: Kysely<DB>,
  calendar: RegionCalendar,
  today: string,
  daysAhead: number,
): Promise<Crossing[]> {
  const crossings: Crossing[] = []
  const referrals = await listOpenReferrals(db, {})
  const pauses = grouped(
    await findPausesByReferralIds(
      db,
      referrals.map((referral) => referral.id),
    ),
    (pause) => pause.referralId,
  )
  for (const referral of referrals) {
    for (const state of referralClockStates(referral, pauses.get(referral.id) ?? [], calendar, today)) {
      const crossing = crossingOf(state, today, daysAhead)
      if (!crossing) continue
      crossings.push({
        itemKind: 'REFERRAL',
        itemId: referral.id,
        childId: referral.childId,
        providerId: referral.providerId,
        clock: state.code,
        startedOn: state.startedOn,
        dueOn: state.dueOn,
        crossing,
        referral: { status: referral.status, needOutcome: referral.needOutcome },
      })
    }
  }

  const programmes = await listSignedProgrammes(db)
  const reviews = grouped(
    await findReviewsByProgrammeIds(
      db,
      programmes.map((programme) => programme.id),
    ),
    (review) => review.programmeId,
  )
  for (const programme of programmes) {
    const state = programmeReviewState(programme, reviews.get(programme.id) ?? [], calendar, today)
    const crossing = crossingOf(state, today, daysAhead)
    if (state && crossing) crossings.push(programmeCrossing(programme, state, crossing))
  }

  // Children who turn three within the window, with a day to spare for those born on 29 February; the clock decides.
  const bornBy = addDays(addMonths(addDays(today, daysAhead + 1), -36), 1)
  const transitions = await listSignedProgrammesOfChildrenBornBy(db, bornBy)
  const children = new Map(
    (
      await findChildrenByIds(
        db,
        transitions.map((programme) => programme.childId),
      )
    ).map((child) => [child.id, child]),
  )
  for (const programme of transitions) {
    const child = children.get(programme.childId)
    const state = child && transitionNoticeState(programme, child.birthDate, calendar, today)
    const crossing = crossingOf(state ?? null, today, daysAhead)
    if (state && crossing) crossings.push(programmeCrossing(programme, state, crossing))
  }

  // A decided signal has no clock running, so it is not listed and crosses nothing more.
  for (const signal of await listNewChildFindSignals(db)) {
    const state = signalHandlingState(signal, calendar, today)
    const crossing = crossingOf(state, today, daysAhead)
    if (!state || !crossing) continue
    crossings.push({
      itemKind: 'SIGNAL',
      itemId: signal.id,
      childId: signal.childId,
      providerId: null,
      clock: state.code,
      startedOn: state.startedOn,
      dueOn: state.dueOn,
      crossing,
      referral: null,
    })
  }
  return crossings
}

function programmeCrossing(
  programme: { id: string; childId: string; providerId: string },
  state: { code: ClockCode; startedOn: string; dueOn: string },
  crossing: NotificationCrossing,
): Crossing {
  return {
    itemKind: 'PROGRAMME',
    itemId: programme.id,
    childId: programme.childId,
    providerId: programme.providerId,
    clock: state.code,
    startedOn: state.startedOn,
    dueOn: state.dueOn,
    crossing,
    referral: null,
  }
}

/** Writes the crossings not on record yet; a crossing already notified stays as it was. How many were new. */
export async function recordCrossings(db: Kysely<DB>, crossings: readonly Crossing[]) {
  const rows: Insertable<DeadlineNotificationTable>[] = crossings.map((crossing) => ({
    item_kind: crossing.itemKind,
    item_id: crossing.itemId,
    child_id: crossing.childId,
    provider_id: crossing.providerId,
    clock: crossing.clock,
    started_on: crossing.startedOn,
    due_on: crossing.dueOn,
    crossing: crossing.crossing,
  }))
  let written = 0
  for (let start = 0; start < rows.length; start += 500) {
    written += (await insertNotifications(db, rows.slice(start, start + 500))).length
  }
  return written
}

/**
 * Whose notifications a member of staff gets, as social's policy classes them: social's and the region's staff the
 * whole region's, anyone else of a side only their organisation's, when it is a provider of the registry.
 */
export function audienceOf(viewer: Pick<Viewer, 'subject' | 'side' | 'organisation' | 'role'>): NotificationAudience {
  const kind = viewerClass(viewer, 'social')
  if (kind === 'owner' || kind === 'regional') return { everyProvider: true }
  return { providerId: viewer.organisation !== null && isUuid(viewer.organisation) ? viewer.organisation : null }
}

/** Whether an audience gets a provider's notifications; those of no provider (signals) are the coordination's. */
export function reaches(audience: NotificationAudience, providerId: string | null) {
  return 'everyProvider' in audience || (providerId !== null && audience.providerId === providerId)
}

/**
 * Where in the screens the work an item waits for is done: the referral's next form, the review form, the signal's
 * decision, the card.
 */
export function notificationPath(
  item: { itemKind: string; itemId: string; childId: string; clock: ClockCode },
  referral: { status: string | null; needOutcome: string | null } | null,
) {
  if (item.itemKind === 'SIGNAL') return `/dashboard/signals/${item.itemId}`
  if (item.itemKind === 'REFERRAL') {
    if (referral?.status === 'RECEIVED') return `/dashboard/referrals/${item.itemId}/decision`
    if (item.clock === 'REFERRAL_TO_PROGRAMME' && referral?.needOutcome) {
      return `/dashboard/children/${item.childId}/programmes/new`
    }
    return `/dashboard/referrals/${item.itemId}/need`
  }
  if (item.clock === 'PROGRAMME_REVIEW') return `/dashboard/children/${item.childId}/programmes/${item.itemId}/review`
  return `/dashboard/children/${item.childId}`
}

/** 'YYYY-MM-DD' as ДД.ММ.ГГГГ. */
export function russianDate(day: string) {
  const [year, month, date] = day.split('-')
  return `${date}.${month}.${year}`
}

/** What is due, without anything that names or dates the child. */
export function whatIsDue(clock: ClockCode, startedOn: string) {
  switch (clock) {
    case 'REFERRAL_TO_NEED_DETERMINATION':
      return `Определение нуждаемости по направлению от ${russianDate(startedOn)}`
    case 'REFERRAL_TO_PROGRAMME':
      return `Подписание ИПРП по направлению от ${russianDate(startedOn)}`
    case 'PROGRAMME_REVIEW':
      return 'Промежуточная оценка ИПРП'
    case 'TRANSITION_NOTICE':
      return 'Планирование перехода в дошкольную образовательную организацию'
    case 'SIGNAL_HANDLING':
      return 'Рассмотрение сигнала выявления'
  }
}

/** The path of a listed notification, from the referral state its row carries. */
export function linkOf(row: DeadlineNotificationRow) {
  return notificationPath(row, { status: row.referralStatus, needOutcome: row.needOutcome })
}

export interface NotificationPageParent {
  totalCount: number
  hasNextPage: boolean
  items: DeadlineNotificationRow[]
  /** The offset of the next page. */
  next: number
}

// Cursors are opaque to clients; inside they are the offset of the next page.
export function encodeOffset(offset: number) {
  return Buffer.from(`n:${offset}`, 'utf8').toString('base64url')
}

export function requireOffset(after: string | null | undefined) {
  if (!after) return 0
  const match = /^n:(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString('utf8'))
  if (!match) throw badUserInput('after', 'PAGE_CURSOR', 'must be an endCursor returned by a previous page')
  return Number(match[1])
}

/** Which notifications to mark read: the listed ones, or all. */
export function requireReadSelection(input: { ids?: readonly string[] | null; all?: boolean | null }) {
  if (input.all) return 'all' as const
  const ids = input.ids ?? []
  if (ids.length === 0) throw badUserInput('input.ids', 'LIST_EMPTY', 'must name a notification, or set all')
  return ids.map((id, index) => requireUuid(`input.ids[${index}]`, id))
}

export interface NotificationSettingsParent {
  email: string | null
  digest: boolean
  saved: boolean
}

export function settingsOf(row: NotificationRecipientRow | undefined): NotificationSettingsParent {
  return row ? { email: row.email, digest: row.digest, saved: true } : { email: null, digest: false, saved: false }
}

/** A member of staff's settings as written: a well-formed address, required for the digest. */
export function requireSettings(input: { email?: string | null; digest: boolean }) {
  const written = input.email?.trim() ?? ''
  const email = written === '' ? null : requireEmail('input.email', written)
  if (input.digest && email === null) {
    throw badUserInput('input.email', 'REQUIRED_TEXT', 'an address is needed to receive the daily digest')
  }
  return { email, digest: input.digest }
}

/** The settings row of the member of staff a token names, as the token names them now. */
export function recipientOf(viewer: Viewer, settings: { email: string | null; digest: boolean }) {
  if (viewer.side === null || (viewer.role !== 'specialist' && viewer.role !== 'coordinator')) {
    throw new Error('notification settings are kept for staff only')
  }
  return {
    subject: viewer.subject,
    name: viewer.name ?? null,
    side: viewer.side,
    role: viewer.role,
    organisation: viewer.organisation,
    ...settings,
  }
}
