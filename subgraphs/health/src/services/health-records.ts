import type { Transaction } from 'kysely'
import { badUserInput } from '@hub/platform/errors'
import { requireNotInFuture, requireText, requireUuid } from '@hub/subgraph-kit/validation'
import type { DB, DetectionEventTable, HealthGroupAssessmentTable, RiskFactorTable } from '../db/database.js'
import { insertDetectionEvent } from '../db/queries/detection_event.queries.js'
import { findDiagnosisById, insertDiagnosis } from '../db/queries/diagnosis.queries.js'
import { insertHealthGroupAssessment } from '../db/queries/health_group_assessment.queries.js'
import { insertRiskFactor } from '../db/queries/risk_factor.queries.js'
import { requireIcd10Format, requireIcd10CodeInForce } from './icd10.js'
import { signalDetectionEvent, signalDiagnosis, signalHealthGroup, type HealthSignalRules } from './signals.js'

// Health cannot see the registry (social's database): a child id is checked to be a UUID, not to name a registered
// child. A record for an id social never issued stays invisible, since every read starts from social's Child.

/** Screenings have an outcome by definition; a visit may or may not include one. */
const SCREENINGS = new Set<DetectionEventTable['kind']>(['NEONATAL_SCREENING', 'AUDIOLOGY_SCREENING'])

export async function recordDetectionEvent(
  trx: Transaction<DB>,
  input: {
    childId: string
    kind: DetectionEventTable['kind']
    result?: DetectionEventTable['result']
    occurredOn: string
    organisation: string
  },
) {
  requireUuid('input.childId', input.childId)
  const result = input.result ?? null
  if (SCREENINGS.has(input.kind) && result === null) {
    throw badUserInput(
      'input.result',
      'SCREENING_RESULT_REQUIRED',
      `is required for a screening (${[...SCREENINGS].join(', ')})`,
    )
  }
  requireNotInFuture('input.occurredOn', input.occurredOn)
  const organisation = requireText('input.organisation', input.organisation, 300)
  const event = await insertDetectionEvent(trx, {
    child_id: input.childId,
    kind: input.kind,
    result,
    occurred_on: input.occurredOn,
    organisation,
  })
  await signalDetectionEvent(trx, event)
  return event
}

export async function assessHealthGroup(
  trx: Transaction<DB>,
  input: { childId: string; group: HealthGroupAssessmentTable['health_group']; assessedOn: string },
) {
  requireUuid('input.childId', input.childId)
  requireNotInFuture('input.assessedOn', input.assessedOn)
  const assessment = await insertHealthGroupAssessment(trx, {
    child_id: input.childId,
    health_group: input.group,
    assessed_on: input.assessedOn,
  })
  await signalHealthGroup(trx, assessment)
  return assessment
}

export async function recordDiagnosis(
  trx: Transaction<DB>,
  input: { childId: string; icd10: string; diagnosedOn: string; primary: boolean },
  signals: HealthSignalRules,
) {
  requireUuid('input.childId', input.childId)
  requireIcd10Format('input.icd10', input.icd10)
  requireNotInFuture('input.diagnosedOn', input.diagnosedOn)
  await requireIcd10CodeInForce(trx, 'input.icd10', input.icd10, input.diagnosedOn)
  // Several primary diagnoses are kept as given: competing main diseases exist, and no history is rewritten here.
  const { id } = await insertDiagnosis(trx, {
    child_id: input.childId,
    icd10_code: input.icd10,
    diagnosed_on: input.diagnosedOn,
    is_primary: input.primary,
  })
  await signalDiagnosis(trx, signals, {
    id,
    childId: input.childId,
    icd10: input.icd10,
    diagnosedOn: input.diagnosedOn,
  })
  return findDiagnosisById(trx, id)
}

export async function recordRiskFactor(
  trx: Transaction<DB>,
  input: { childId: string; kind: RiskFactorTable['kind']; notedOn: string; details?: string | null },
) {
  requireUuid('input.childId', input.childId)
  requireNotInFuture('input.notedOn', input.notedOn)
  const details =
    input.details === null || input.details === undefined ? null : requireText('input.details', input.details, 500)
  return insertRiskFactor(trx, { child_id: input.childId, kind: input.kind, noted_on: input.notedOn, details })
}
