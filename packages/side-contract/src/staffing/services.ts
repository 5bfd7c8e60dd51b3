import type { Transaction } from 'kysely'
import { badUserInput, conflict, isUniqueViolation, notFound } from '@hub/platform/errors'
import {
  inForce,
  requireIntegerBetween,
  requireNotBefore,
  requireNotInFuture,
  requirePersonNumber,
  requireText,
  requireUuid,
} from '@hub/subgraph-kit/validation'
import { staffingView, type SpecialistRole, type StaffingTables } from './database.js'
import {
  findCurrentSpecialistByPersonnelNumber,
  insertSpecialist,
  lockSpecialistById,
  updateSpecialist,
  type SpecialistRow,
} from './specialist.queries.js'
import { findLastCompletedOn, findTrainingByCertificateNumber, insertTraining } from './specialist_training.queries.js'

/*
 * The rules of the staffing mutations, the same on every side. The GraphQL inputs are declared once in the kit's SDL
 * fragment; these interfaces are their TypeScript shape, which each subgraph's generated input types match.
 */

export interface RegisterSpecialistInput {
  providerId: string
  personnelNumber: string
  role: SpecialistRole
  employedFrom: string
}

export interface RecordSpecialistTrainingInput {
  specialistId: string
  course: string
  hours: number
  completedOn: string
  certificateNumber: string
}

export interface EndSpecialistEmploymentInput {
  specialistId: string
  employedUntil: string
}

/** The mandatory roles that no specialist employed today fills. */
export function missingRoles(required: readonly SpecialistRole[], specialists: readonly SpecialistRow[]) {
  const filled = new Set(
    specialists
      .filter((specialist) => inForce(specialist.employedFrom, specialist.employedUntil))
      .map((specialist) => specialist.role),
  )
  return required.filter((role) => !filled.has(role))
}

export function validateRegisterSpecialist(input: RegisterSpecialistInput) {
  return {
    // Outside social the provider registry is another database: a side checks the id's form, not that it exists.
    providerId: requireUuid('input.providerId', input.providerId),
    personnelNumber: requirePersonNumber(
      'input.personnelNumber',
      input.personnelNumber,
      'the provider’s personnel number (табельный номер)',
    ),
    role: input.role,
    employedFrom: requireNotInFuture('input.employedFrom', input.employedFrom),
  }
}

export type ValidSpecialist = ReturnType<typeof validateRegisterSpecialist>

/** Takes any subgraph's transaction: social calls it inside its own, after checking the provider in its registry. */
export async function registerSpecialist<DB extends StaffingTables>(
  transaction: Transaction<DB>,
  specialist: ValidSpecialist,
) {
  const trx = staffingView(transaction)
  const holder = await findCurrentSpecialistByPersonnelNumber(trx, specialist.providerId, specialist.personnelNumber)
  if (holder) {
    throw conflict(
      'input.personnelNumber',
      'NUMBER_TAKEN',
      `the provider’s specialist ${holder.id} already has this personnel number`,
    )
  }
  try {
    return await insertSpecialist(trx, {
      provider_id: specialist.providerId,
      personnel_number: specialist.personnelNumber,
      role: specialist.role,
      employed_from: specialist.employedFrom,
    })
  } catch (error) {
    // Two registrations of one number at once: the unique index lets the first through and stops the second here.
    if (isUniqueViolation(error)) {
      throw conflict(
        'input.personnelNumber',
        'NUMBER_TAKEN',
        'the provider’s specialist already has this personnel number',
      )
    }
    throw error
  }
}

export function validateRecordSpecialistTraining(input: RecordSpecialistTrainingInput) {
  return {
    specialistId: requireUuid('input.specialistId', input.specialistId),
    course: requireText('input.course', input.course, 300),
    hours: requireIntegerBetween('input.hours', input.hours, 1, 2000),
    // A course taken before the specialist joined this provider still counts: only a future date is refused.
    completedOn: requireNotInFuture('input.completedOn', input.completedOn),
    certificateNumber: requireText('input.certificateNumber', input.certificateNumber, 64),
  }
}

export async function recordSpecialistTraining(
  trx: Transaction<StaffingTables>,
  training: ReturnType<typeof validateRecordSpecialistTraining>,
) {
  // Locked, so that the employment cannot be ended before a course this transaction is about to record.
  const specialist = await lockSpecialistById(trx, training.specialistId)
  if (!specialist) throw notFound('input.specialistId', 'specialist', training.specialistId)
  if (specialist.employedUntil !== null && training.completedOn > specialist.employedUntil) {
    throw badUserInput(
      'input.completedOn',
      'DATE_AFTER_END',
      `must not be after the specialist’s employedUntil (${specialist.employedUntil})`,
      { end: specialist.employedUntil },
    )
  }
  const recorded = await findTrainingByCertificateNumber(trx, specialist.id, training.certificateNumber)
  if (recorded) {
    throw conflict(
      'input.certificateNumber',
      'NUMBER_TAKEN',
      `the certificate is already recorded for the specialist (${recorded.id})`,
    )
  }
  return insertTraining(trx, {
    specialist_id: specialist.id,
    course: training.course,
    hours: training.hours,
    completed_on: training.completedOn,
    certificate_number: training.certificateNumber,
  })
}

export function validateEndSpecialistEmployment(input: EndSpecialistEmploymentInput) {
  return {
    specialistId: requireUuid('input.specialistId', input.specialistId),
    // The last working day may lie ahead: a dismissal is ordered before it takes effect.
    employedUntil: input.employedUntil,
  }
}

/** The day of the specialist's latest session in the side's own session tables; undefined when none is recorded. */
export type FindLastSessionOn<DB> = (trx: Transaction<DB>, specialistId: string) => Promise<string | undefined>

/**
 * Takes any subgraph's transaction and that side's finder of a specialist's last session: the sessions are the side's
 * own tables, and the employment must still cover every session the specialist gave.
 */
export async function endSpecialistEmployment<DB extends StaffingTables>(
  transaction: Transaction<DB>,
  end: ReturnType<typeof validateEndSpecialistEmployment>,
  findLastSessionOn: FindLastSessionOn<DB>,
) {
  const trx = staffingView(transaction)
  const specialist = await lockSpecialistById(trx, end.specialistId)
  if (!specialist) throw notFound('input.specialistId', 'specialist', end.specialistId)
  if (specialist.employedUntil !== null) {
    throw conflict(
      'input.specialistId',
      'ALREADY_ENDED',
      `the specialist’s employment already ended on ${specialist.employedUntil}`,
      { day: specialist.employedUntil },
    )
  }
  requireNotBefore('input.employedUntil', end.employedUntil, 'the specialist’s employedFrom', specialist.employedFrom)
  const lastCompletedOn = await findLastCompletedOn(trx, specialist.id)
  if (lastCompletedOn !== undefined && end.employedUntil < lastCompletedOn) {
    throw badUserInput(
      'input.employedUntil',
      'DATE_BEFORE_LAST_RECORD',
      `must not be before the last recorded training (${lastCompletedOn})`,
      { last: lastCompletedOn },
    )
  }
  const lastSessionOn = await findLastSessionOn(transaction, specialist.id)
  if (lastSessionOn !== undefined && end.employedUntil < lastSessionOn) {
    throw badUserInput(
      'input.employedUntil',
      'DATE_BEFORE_LAST_RECORD',
      `must not be before the specialist’s last recorded session (${lastSessionOn})`,
      { last: lastSessionOn },
    )
  }
  return updateSpecialist(trx, specialist.id, { employed_until: end.employedUntil })
}
