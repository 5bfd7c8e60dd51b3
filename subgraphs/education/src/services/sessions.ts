import type { Transaction } from 'kysely'
import { badUserInput, notFound } from '@hub/platform/errors'
import { requireSessionBasics } from '@hub/side-contract/sessions'
import { requireServiceCode, requireUuid } from '@hub/subgraph-kit/validation'
import { requireSessionSpecialist } from '@hub/side-contract/staffing/sessions'
import type { RecordEducationSessionInput } from '../__generated__/resolvers-types.js'
import type { DB } from '../db/database.js'
import { findEarlyHelpUnitById } from '../db/queries/early_help_unit.queries.js'
import { insertEducationSession } from '../db/queries/education_session.queries.js'

export function validateRecordEducationSession(input: RecordEducationSessionInput) {
  const session = {
    // The child, the catalogue and the programmes are social's: education checks the form of their ids, not that they
    // exist.
    childId: requireUuid('input.childId', input.childId),
    programmeServiceId: requireUuid('input.programmeServiceId', input.programmeServiceId),
    unitId: requireUuid('input.unitId', input.unitId),
    serviceCode: requireServiceCode('input.serviceCode', input.serviceCode),
    ...requireSessionBasics(input),
  }
  return session
}

export async function recordEducationSession(
  trx: Transaction<DB>,
  session: ReturnType<typeof validateRecordEducationSession>,
) {
  // The unit is education's own record, so unlike the child its existence is checked.
  const unit = await findEarlyHelpUnitById(trx, session.unitId)
  if (!unit) throw notFound('input.unitId', 'early-help unit', session.unitId)
  // A unit closed by the department's file keeps its sessions, but takes none on or after the day it closed.
  const { openedOn, closedOn } = unit
  if ((openedOn !== null && session.deliveredOn < openedOn) || (closedOn !== null && session.deliveredOn >= closedOn)) {
    throw badUserInput(
      'input.deliveredOn',
      'EARLY_HELP_UNIT_NOT_OPEN',
      `the unit works from ${openedOn ?? 'an unknown day'} until ${closedOn ?? 'now'}`,
      { opened: openedOn ?? '—', closed: closedOn ?? '—' },
    )
  }
  // Kindergartens are not providers of social's registry, so a specialist is not held to the unit's organisation.
  const specialist = await requireSessionSpecialist(trx, {
    specialistId: session.specialistId,
    date: session.deliveredOn,
    dateField: 'input.deliveredOn',
    role: session.specialistRole,
  })
  return insertEducationSession(trx, {
    child_id: session.childId,
    unit_id: unit.id,
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
