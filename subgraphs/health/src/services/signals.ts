import type { Transaction } from 'kysely'
import { writeSignal } from '@hub/side-contract/signals/delivery'
import type { NewSignal } from '@hub/side-contract/signals/signal_outbox.queries'
import type { DB, DetectionEventTable, HealthGroupAssessmentTable } from '../db/database.js'

/**
 * Child find (ПП № 1099): a health record that meets a target-group criterion sends social's coordinator a signal,
 * written to the outbox in the record's own transaction. The signal carries the record's id, kind and date, never its
 * content: a registry operator may learn that a child meets a criterion, not the diagnosis.
 */
export interface HealthSignalRules {
  /** МКБ-10 codes or their beginnings whose diagnosis sends a signal (`HEALTH_SIGNAL_ICD10`). */
  icd10: readonly string[]
}

const HEALTH_GROUP_SIGNALS: Partial<Record<HealthGroupAssessmentTable['health_group'], string>> = {
  IV: 'HEALTH_GROUP_IV',
  V: 'HEALTH_GROUP_V',
}

const SCREENING_SIGNALS: Partial<Record<DetectionEventTable['kind'], string>> = {
  NEONATAL_SCREENING: 'NEONATAL_SCREENING_CONFIRMED',
  AUDIOLOGY_SCREENING: 'AUDIOLOGY_SCREENING_CONFIRMED',
}

function emit(trx: Transaction<DB>, signal: NewSignal | null) {
  return signal && writeSignal(trx, signal)
}

/** The signal of a health group assessment: IV or V proposes HEALTH_GROUP_IV_V; any other group, none. */
export function healthGroupSignal(record: {
  id: string
  childId: string
  group: HealthGroupAssessmentTable['health_group']
  assessedOn: string
}): NewSignal | null {
  const kind = HEALTH_GROUP_SIGNALS[record.group]
  if (!kind) return null
  return {
    childId: record.childId,
    kind,
    proposedCriterion: 'HEALTH_GROUP_IV_V',
    sourceRecordId: record.id,
    recordedOn: record.assessedOn,
  }
}

/** The signal of a detection event: a neonatal or audiology screening whose positive result is confirmed. */
export function detectionEventSignal(record: {
  id: string
  childId: string
  kind: DetectionEventTable['kind']
  result: DetectionEventTable['result']
  occurredOn: string
}): NewSignal | null {
  const kind = SCREENING_SIGNALS[record.kind]
  if (!kind || record.result !== 'CONFIRMED') return null
  return {
    childId: record.childId,
    kind,
    proposedCriterion: 'SCREENING_POSITIVE',
    sourceRecordId: record.id,
    recordedOn: record.occurredOn,
  }
}

/**
 * The signal of a diagnosis from the region's list: DEVELOPMENTAL_PARTICULARITY, the federal criterion of a
 * particularity of physical or mental development; the signal says only that the diagnosis is on the list.
 */
export function diagnosisSignal(
  rules: HealthSignalRules,
  record: { id: string; childId: string; icd10: string; diagnosedOn: string },
): NewSignal | null {
  if (!rules.icd10.some((listed) => record.icd10.startsWith(listed))) return null
  return {
    childId: record.childId,
    kind: 'LISTED_DIAGNOSIS',
    proposedCriterion: 'DEVELOPMENTAL_PARTICULARITY',
    sourceRecordId: record.id,
    recordedOn: record.diagnosedOn,
  }
}

/** A health group IV or V proposes HEALTH_GROUP_IV_V. */
export async function signalHealthGroup(trx: Transaction<DB>, record: Parameters<typeof healthGroupSignal>[0]) {
  await emit(trx, healthGroupSignal(record))
}

/** A neonatal or audiology screening whose positive result is confirmed proposes SCREENING_POSITIVE. */
export async function signalDetectionEvent(trx: Transaction<DB>, record: Parameters<typeof detectionEventSignal>[0]) {
  await emit(trx, detectionEventSignal(record))
}

/** A diagnosis from the region's list proposes DEVELOPMENTAL_PARTICULARITY. */
export async function signalDiagnosis(
  trx: Transaction<DB>,
  rules: HealthSignalRules,
  record: Parameters<typeof diagnosisSignal>[1],
) {
  await emit(trx, diagnosisSignal(rules, record))
}
