import type { Kysely, Transaction } from 'kysely'
import type { Viewer } from '@hub/platform/auth/viewer'
import { badUserInput, conflict, hubError, notFound } from '@hub/platform/errors'
import { requireUuid } from '@hub/subgraph-kit/validation'
import { programmeReviewState, referralClockStates, type RegionCalendar } from './clocks.js'
import type { DB } from '../../../db/database.js'
import { lockProgrammeById } from '../queries/programme.queries.js'
import {
  endProgrammeLead,
  findLeadHistoryByProgrammeIds,
  insertProgrammeLead,
  lockProgrammeLineage,
  type CaseloadRow,
} from '../queries/programme_lead.queries.js'
import { findProvidersByIds } from '../../providers/queries/provider.queries.js'
import { findStaffMembersBySubjects, upsertStaffMember } from '../queries/staff_member.queries.js'

/** A refusal naming the field and the rule (its id from the catalogue, and in English in the message). */
function forbidden(
  field: string,
  rule: 'STAFF_OF_OWN_ORGANISATION' | 'CASELOADS_COORDINATOR' | 'LEAD_ASSIGNER',
  message: string,
) {
  return hubError('FORBIDDEN', rule, `${field}: ${message}`, { field })
}

/** Social's own staff and the region's coordination act for every provider; anyone else for their organisation. */
function coordinatesEveryProvider(viewer: Viewer) {
  return viewer.organisation === null && (viewer.side === 'social' || viewer.side === 'regional')
}

/**
 * Who may lead a programme of a provider: its own staff (the token's `org` is the provider), and for a state provider
 * also the staff of social and of the region's coordination who work for no single provider — a state provider's
 * programme may be led from the social protection department. A non-state provider's programme is led by its own.
 */
export function mayLeadProgrammeOf(
  staff: { side: string; organisation: string | null },
  provider: { id: string; side: string },
) {
  if (staff.organisation === provider.id) return true
  return (
    provider.side !== 'NGO' && staff.organisation === null && (staff.side === 'social' || staff.side === 'regional')
  )
}

/**
 * Whether the caller may see the staff of a provider, assign its programmes' leads and see their caseloads: a
 * coordinator of social or of the region (any provider), or a coordinator of that provider itself.
 */
export function coordinatesProvider(viewer: Viewer, providerId: string) {
  if (viewer.role !== 'coordinator') return false
  return coordinatesEveryProvider(viewer) || viewer.organisation === providerId
}

/** The staff directory of a provider is read by its own staff and by the coordinators of social and the region. */
export function mayReadStaffOf(viewer: Viewer, providerId: string) {
  if (viewer.organisation === providerId) return
  if (viewer.role === 'coordinator' && coordinatesEveryProvider(viewer)) return
  throw forbidden(
    'provider',
    'STAFF_OF_OWN_ORGANISATION',
    "the staff of a provider are shown to its own staff and to the region's coordinators",
  )
}

/**
 * Whose caseloads a caller sees: a coordinator of social or of the region any provider's (every provider's when none
 * is named), a provider's coordinator their own provider's only (theirs when none is named). `null` is every provider.
 */
export function providerOfCaseloads(viewer: Viewer, providerId: string | null) {
  if (viewer.role === 'coordinator' && coordinatesEveryProvider(viewer)) return providerId
  const own = viewer.role === 'coordinator' ? viewer.organisation : null
  if (own !== null && (providerId === null || providerId === own)) return own
  throw forbidden(
    'provider',
    'CASELOADS_COORDINATOR',
    viewer.role === 'coordinator'
      ? "a provider's coordinator sees the caseloads of its own organisation only"
      : 'caseloads are shown to coordinators only',
  )
}

/**
 * Assigns a programme's lead specialist (куратор), ending the current assignment: the history keeps who led it from
 * when, and who assigned them. The assignment holds for the child's programme at that provider across its versions.
 */
export async function assignProgrammeLead(
  trx: Transaction<DB>,
  viewer: Viewer,
  input: { programmeId: string; subject: string },
) {
  requireUuid('input.programmeId', input.programmeId)
  if (input.subject.trim() === '') throw badUserInput('input.subject', 'REQUIRED_TEXT', 'must name a member of staff')
  const programme = await lockProgrammeById(trx, input.programmeId)
  if (!programme) throw notFound('input.programmeId', 'programme', input.programmeId)
  if (!coordinatesProvider(viewer, programme.providerId)) {
    throw forbidden(
      'input.programmeId',
      'LEAD_ASSIGNER',
      viewer.role === 'coordinator'
        ? "the programme is another provider's; a provider's coordinator assigns leads of its own programmes"
        : 'only a coordinator assigns a programme’s lead specialist',
    )
  }
  if (programme.status !== 'SIGNED' && programme.status !== 'DRAFT') {
    throw conflict(
      'input.programmeId',
      'PROGRAMME_NOT_IN_FORCE',
      'the programme is no longer in force (closed or superseded)',
    )
  }
  await lockProgrammeLineage(trx, programme.childId, programme.providerId)
  const [[staff], [provider]] = await Promise.all([
    findStaffMembersBySubjects(trx, [input.subject]),
    findProvidersByIds(trx, [programme.providerId]),
  ])
  if (!staff) {
    throw hubError(
      'NOT_FOUND',
      'STAFF_NEVER_SIGNED_IN',
      'input.subject: no member of staff with this subject has signed in to the hub',
      { field: 'input.subject' },
    )
  }
  if (!mayLeadProgrammeOf(staff, provider!)) {
    throw badUserInput(
      'input.subject',
      'LEAD_NOT_PROVIDER_STAFF',
      "must be a member of staff of the programme's provider (or, for a state provider, of social or the region's coordination)",
    )
  }
  const current = (await findLeadHistoryByProgrammeIds(trx, [programme.id])).find((lead) => lead.until === null)
  if (current?.subject === input.subject) {
    throw conflict('input.subject', 'LEAD_ALREADY_ASSIGNED', "is already the programme's lead specialist")
  }
  if (current) await endProgrammeLead(trx, current.id)
  await insertProgrammeLead(trx, { programme_id: programme.id, subject: input.subject, assigned_by: viewer.subject })
  return programme
}

/** One lead specialist's work at one provider, counted. */
export interface CaseloadCounts {
  subject: string
  name: string
  providerId: string
  childrenInForce: number
  draftsAwaitingSignature: number
  openReferrals: number
  overdueReviews: number
  overdueReferrals: number
}

/**
 * Counts each lead specialist's work from the rows of their children: children with a programme in force, drafts
 * waiting for a signature and open referrals (open items), and reviews and referral clocks past their day (overdue
 * items), with the same clocks the work queues use.
 */
export function countCaseloads(
  rows: readonly CaseloadRow[],
  calendar: RegionCalendar,
  today: string,
): CaseloadCounts[] {
  const byLead = new Map<string, CaseloadCounts>()
  for (const row of rows) {
    const key = `${row.subject}\u0000${row.providerId}`
    let caseload = byLead.get(key)
    if (!caseload) {
      caseload = {
        subject: row.subject,
        name: row.name,
        providerId: row.providerId,
        childrenInForce: 0,
        draftsAwaitingSignature: 0,
        openReferrals: 0,
        overdueReviews: 0,
        overdueReferrals: 0,
      }
      byLead.set(key, caseload)
    }
    if (row.signedOn !== null) {
      caseload.childrenInForce += 1
      const reviews = row.lastReviewedOn ? [{ reviewedOn: row.lastReviewedOn }] : []
      const review = programmeReviewState({ status: 'SIGNED', signedOn: row.signedOn }, reviews, calendar, today)
      if (review?.status === 'OVERDUE') caseload.overdueReviews += 1
    }
    if (row.draftAwaitingSignature) caseload.draftsAwaitingSignature += 1
    for (const referral of row.referrals) {
      caseload.openReferrals += 1
      const clocks = referralClockStates(referral, referral.pauses, calendar, today)
      if (clocks.some((clock) => clock.status === 'OVERDUE')) caseload.overdueReferrals += 1
    }
  }
  return [...byLead.values()]
}

/**
 * Keeps social's staff directory: a member of staff (specialist or coordinator) whose token carries a name is
 * recorded — or updated, when their name, side or organisation changed — once a day at most, remembered in memory so
 * that reads do not write. The write runs outside the request's transaction and never fails the request: a failed
 * write is forgotten and tried again at the next request.
 */
export function createStaffDirectory(db: Kysely<DB>, clock: () => string) {
  const recorded = new Map<string, string>()
  return {
    note(viewer: Viewer) {
      if (viewer.role !== 'specialist' && viewer.role !== 'coordinator') return
      if (viewer.name === undefined || viewer.side === null) return
      const seen = [viewer.name, viewer.side, viewer.organisation ?? '', clock()].join('\u0000')
      if (recorded.get(viewer.subject) === seen) return
      recorded.set(viewer.subject, seen)
      upsertStaffMember(db, {
        subject: viewer.subject,
        name: viewer.name,
        side: viewer.side,
        organisation: viewer.organisation,
      }).catch(() => {
        if (recorded.get(viewer.subject) === seen) recorded.delete(viewer.subject)
      })
    },
  }
}
