import type { Transaction } from 'kysely'
import { requireSessionBasics } from '@hub/side-contract/sessions'
import { requireServiceCode, requireUuid } from '@hub/subgraph-kit/validation'
import { requireSessionSpecialist } from '@hub/side-contract/staffing/sessions'
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
    ...requireSessionBasics(input),
  }
  return session
}

export async function recordNgoSession(trx: Transaction<DB>, session: ReturnType<typeof validateRecordNgoSession>) {
  // The provider is not checked against the registry, but a specialist named must be one of the session's provider.
  const specialist = await requireSessionSpecialist(trx, {
    specialistId: session.specialistId,
    date: session.deliveredOn,
    dateField: 'input.deliveredOn',
    provider: { id: session.providerId, named: "the session's provider (input.providerId)" },
    role: session.specialistRole,
  })
  return insertSession(trx, {
    child_id: session.childId,
    provider_id: session.providerId,
    service_code: session.serviceCode,
    delivered_on: session.deliveredOn,
    duration_minutes: session.durationMinutes,
    mode: session.mode,
    specialist_id: specialist?.id ?? null,
    specialist_role: session.specialistRole ?? specialist?.role ?? null,
    attended: session.attended,
    cancellation_reason: session.cancellationReason,
    programme_service_id: session.programmeServiceId,
  })
}
