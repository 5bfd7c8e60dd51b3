import { optionalSpecialistId } from './staffing/sessions.js'
import { requireCancellationReason, requireIntegerBetween, requireNotInFuture } from '@hub/subgraph-kit/validation'

/** What a session input of the social, education and ngo sides gives alike (issue point 8). */
export interface SessionBasicsInput<Mode, Role, Reason> {
  /** The day of the session; for a cancelled one, the day it was set for. */
  deliveredOn: string
  durationMinutes: number
  mode: Mode
  specialistId?: string | null
  specialistRole?: Role | null
  attended: boolean
  cancellationReason?: Reason | null
}

/**
 * The rules a session of the social, education and ngo sides follows alike, in this order: a date not in the future,
 * a duration of 1 to 480 whole minutes, a specialist id of the right form if one is named, and a cancellation reason
 * exactly when the session did not take place. Health's rehabilitation sessions keep their own rules (their date is
 * `heldOn` and their reason is free text). What the session refers to (child, item, unit, provider) is the side's.
 */
export function requireSessionBasics<Mode, Role, Reason>(input: SessionBasicsInput<Mode, Role, Reason>) {
  return {
    deliveredOn: requireNotInFuture('input.deliveredOn', input.deliveredOn),
    durationMinutes: requireIntegerBetween('input.durationMinutes', input.durationMinutes, 1, 480),
    mode: input.mode,
    specialistId: optionalSpecialistId(input.specialistId),
    specialistRole: input.specialistRole ?? null,
    attended: input.attended,
    cancellationReason: requireCancellationReason(input.attended, input.cancellationReason),
  }
}
