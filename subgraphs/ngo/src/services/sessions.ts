import type { Transaction } from 'kysely'
import {
  requireIntegerBetween,
  requireNotInFuture,
  requireServiceCode,
  requireUuid,
  requireCancellationReason,
} from '../../../kit/src/validation.js'
import type { RecordNgoSessionInput } from '../__generated__/resolvers-types.js'
import type { DB } from '../db/database.js'
import { insertSession } from '../db/queries/ngo_session.queries.js'

export function validateRecordNgoSession(input: RecordNgoSessionInput) {
  const session = {
    // The child, the provider, the catalogue and the programmes are social's: ngo checks the form of their ids, not
    // that they exist.
    childId: requireUuid('input.childId', input.childId),
    programmeServiceId: requireUuid('input.programmeServiceId', input.programmeServiceId),
    providerId: requireUuid('input.providerId', input.providerId),
    serviceCode: requireServiceCode('input.serviceCode', input.serviceCode),
    deliveredOn: requireNotInFuture('input.deliveredOn', input.deliveredOn),
    durationMinutes: requireIntegerBetween('input.durationMinutes', input.durationMinutes, 1, 480),
    mode: input.mode,
    attended: input.attended,
    cancellationReason: requireCancellationReason(input.attended, input.cancellationReason),
  }
  return session
}

export function recordNgoSession(trx: Transaction<DB>, session: ReturnType<typeof validateRecordNgoSession>) {
  return insertSession(trx, {
    child_id: session.childId,
    provider_id: session.providerId,
    service_code: session.serviceCode,
    delivered_on: session.deliveredOn,
    duration_minutes: session.durationMinutes,
    mode: session.mode,
    attended: session.attended,
    cancellation_reason: session.cancellationReason,
    programme_service_id: session.programmeServiceId,
  })
}
