import type { Transaction } from 'kysely'
import { badUserInput, notFound } from '@hub/platform/errors'
import { inForce, requireUuid } from '@hub/subgraph-kit/validation'
import { staffingView, type SpecialistRole, type StaffingTables } from './database.js'
import { lockSpecialistById } from './specialist.queries.js'

/*
 * The specialist who gave a session (issue point 8: "date, duration, mode, specialist, attended or cancelled"). Every
 * side records its sessions in its own tables and its specialists in its own `specialist` table, so these rules are
 * the same on the four sides; what differs is which of them a side's session can be held to (its provider, its role).
 */

/** A session input's optional `specialistId`: null when omitted, otherwise it must be an id. */
export function optionalSpecialistId(specialistId: string | null | undefined) {
  return specialistId === null || specialistId === undefined ? null : requireUuid('input.specialistId', specialistId)
}

export interface SessionSpecialist {
  /** From `optionalSpecialistId`: null when the session names no specialist. */
  specialistId: string | null
  /** The session's date (for a cancelled one, the day it was set for) and the input field that gives it. */
  date: string
  dateField: string
  /** The provider that delivered the session, on a side whose session records one, and how the message names it. */
  provider?: { id: string; named: string }
  /** The role the input gives for the session, in the roles of the specialists' register; none when it gives none. */
  role?: SpecialistRole | null
}

/**
 * The specialist a session names, in this side's own register: employed by the session's provider on the session's
 * date, in the session's role; null when it names none. Locked until commit, so that an end of employment before the
 * session's date cannot interleave (the end is checked against the specialist's last session).
 */
export async function requireSessionSpecialist<DB extends StaffingTables>(
  transaction: Transaction<DB>,
  session: SessionSpecialist,
) {
  if (session.specialistId === null) return null
  const specialist = await lockSpecialistById(staffingView(transaction), session.specialistId)
  if (!specialist) throw notFound('input.specialistId', 'specialist', session.specialistId)
  if (session.provider && specialist.providerId !== session.provider.id) {
    throw badUserInput(
      'input.specialistId',
      'SPECIALIST_OF_OTHER_PROVIDER',
      `must be a specialist of ${session.provider.named}; this one works for provider ${specialist.providerId}`,
    )
  }
  if (!inForce(specialist.employedFrom, specialist.employedUntil, session.date)) {
    const until = specialist.employedUntil === null ? '' : ` until ${specialist.employedUntil}`
    throw badUserInput(
      'input.specialistId',
      'SPECIALIST_NOT_EMPLOYED',
      `must be a specialist employed on the session's date (${session.dateField} ${session.date}), from ` +
        `employedFrom to employedUntil; this one was employed from ${specialist.employedFrom}${until}`,
      { day: session.date },
    )
  }
  if (session.role !== undefined && session.role !== null && session.role !== specialist.role) {
    throw badUserInput(
      'input.specialistRole',
      'SPECIALIST_ROLE_MISMATCH',
      `must agree with the role of the specialist named by input.specialistId: the specialist is ${specialist.role}, ` +
        `not ${session.role}`,
    )
  }
  return specialist
}
