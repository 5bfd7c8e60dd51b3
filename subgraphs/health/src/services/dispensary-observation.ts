import type { Transaction } from 'kysely'
import { conflict, notFound } from '@hub/platform/errors'
import { requireNotBefore, requireNotInFuture, requireUuid } from '@hub/subgraph-kit/validation'
import type { DB, DispensaryObservationTable, MedicalSpecialty } from '../db/database.js'
import {
  findDispensaryObservationById,
  insertDispensaryObservation,
  lockDispensaryObservationById,
  updateDispensaryObservation,
} from '../db/queries/dispensary_observation.queries.js'
import { requireIcd10Format, requireIcd10CodeInForce } from './icd10.js'

export async function startDispensaryObservation(
  trx: Transaction<DB>,
  input: { childId: string; icd10: string; specialty: MedicalSpecialty; startedOn: string },
) {
  // Only the form of the child id: whether social registered that child is not visible from here.
  requireUuid('input.childId', input.childId)
  requireIcd10Format('input.icd10', input.icd10)
  requireNotInFuture('input.startedOn', input.startedOn)
  await requireIcd10CodeInForce(trx, 'input.icd10', input.icd10, input.startedOn)
  const inserted = await insertDispensaryObservation(trx, {
    child_id: input.childId,
    icd10_code: input.icd10,
    specialty: input.specialty,
    started_on: input.startedOn,
  })
  if (!inserted) {
    throw conflict(
      'input.icd10',
      'OBSERVATION_EXISTS',
      `the child is already under dispensary observation for ${input.icd10} by ${input.specialty}; end it first`,
    )
  }
  return findDispensaryObservationById(trx, inserted.id)
}

export async function endDispensaryObservation(
  trx: Transaction<DB>,
  input: { observationId: string; endedOn: string; endReason: NonNullable<DispensaryObservationTable['end_reason']> },
) {
  const field = 'input.observationId'
  requireUuid(field, input.observationId)
  requireNotInFuture('input.endedOn', input.endedOn)
  const observation = await lockDispensaryObservationById(trx, input.observationId)
  if (!observation) {
    throw notFound(field, 'dispensary observation', input.observationId)
  }
  if (observation.endedOn !== null) {
    throw conflict(field, 'ALREADY_ENDED', `the observation already ended on ${observation.endedOn}`, {
      day: observation.endedOn,
    })
  }
  requireNotBefore(
    'input.endedOn',
    input.endedOn,
    `the observation's startedOn (${observation.startedOn})`,
    observation.startedOn,
  )
  await updateDispensaryObservation(trx, observation.id, { ended_on: input.endedOn, end_reason: input.endReason })
  return findDispensaryObservationById(trx, observation.id)
}
