import type { SignalOutboxTables } from '@hub/side-contract/signals/signal_outbox.queries'
import type { EventTables } from '@hub/subgraph-kit/events/tables'
import type { ReferenceTables } from '@hub/subgraph-kit/reference/tables'
import type { IdempotencyTables } from '@hub/subgraph-kit/idempotency/idempotent_request.queries'
import type { AccessAuditTables } from '@hub/subgraph-kit/access/audit'
import type { Generated } from 'kysely'
import type { StaffingTables } from '@hub/side-contract/staffing/database'

/**
 * Tables of the health database. A child appears only as `child_id`: identity lives in social. The staffing tables
 * (health's specialists) come from the kit.
 */
export interface DB
  extends StaffingTables, AccessAuditTables, IdempotencyTables, SignalOutboxTables, EventTables, ReferenceTables {
  icd10_code: Icd10CodeTable
  health_group_assessment: HealthGroupAssessmentTable
  detection_event: DetectionEventTable
  diagnosis: DiagnosisTable
  risk_factor: RiskFactorTable
  dispensary_observation: DispensaryObservationTable
  rehabilitation_episode: RehabilitationEpisodeTable
  rehabilitation_session: RehabilitationSessionTable
}

/** A view of the МКБ-10 entries of the versioned dictionary (`reference_entry` of kind `icd10`). */
export interface Icd10CodeTable {
  code: string
  name: string
  parent_code: string | null
  active: boolean
}

export interface HealthGroupAssessmentTable {
  id: Generated<string>
  child_id: string
  health_group: 'I' | 'II' | 'III' | 'IV' | 'V'
  assessed_on: string
}

export interface DetectionEventTable {
  id: Generated<string>
  child_id: string
  kind: 'NEONATAL_SCREENING' | 'AUDIOLOGY_SCREENING' | 'PAEDIATRIC_VISIT' | 'SPECIALIST_VISIT'
  result: 'NEGATIVE' | 'POSITIVE' | 'CONFIRMED' | null
  occurred_on: string
  organisation: string | null
}

export interface DiagnosisTable {
  id: Generated<string>
  child_id: string
  icd10_code: string
  diagnosed_on: string
  is_primary: Generated<boolean>
}

export interface RiskFactorTable {
  id: Generated<string>
  child_id: string
  kind:
    | 'PREMATURITY'
    | 'LOW_BIRTH_WEIGHT'
    | 'PERINATAL_CNS_LESION'
    | 'HEREDITARY_BURDEN'
    | 'INTRAUTERINE_INFECTION'
    | 'BIRTH_ASPHYXIA'
  noted_on: string
  details: string | null
}

export type MedicalSpecialty =
  | 'PAEDIATRICS'
  | 'NEONATOLOGY'
  | 'NEUROLOGY'
  | 'PAEDIATRIC_CARDIOLOGY'
  | 'OPHTHALMOLOGY'
  | 'AUDIOLOGY_OTORHINOLARYNGOLOGY'
  | 'PAEDIATRIC_ENDOCRINOLOGY'
  | 'MEDICAL_GENETICS'
  | 'TRAUMATOLOGY_ORTHOPAEDICS'
  | 'PAEDIATRIC_SURGERY'
  | 'PSYCHIATRY'
  | 'PULMONOLOGY'
  | 'PHYSICAL_REHABILITATION_MEDICINE'

export interface DispensaryObservationTable {
  id: Generated<string>
  child_id: string
  icd10_code: string
  specialty: MedicalSpecialty
  started_on: string
  /** Null while the observation goes on; set together with `end_reason`. */
  ended_on: string | null
  end_reason: 'RECOVERED' | 'STABLE_REMISSION' | 'TRANSFERRED' | 'REFUSED' | 'DIED' | null
}

export interface RehabilitationEpisodeTable {
  id: Generated<string>
  child_id: string
  organisation: string
  goal: string
  started_on: string
  /** Null while the episode is open. */
  ended_on: string | null
}

export type RehabilitationSpecialistRole =
  | 'REHABILITATION_PHYSICIAN'
  | 'PHYSICAL_THERAPIST'
  | 'OCCUPATIONAL_THERAPIST'
  | 'SPEECH_THERAPIST'
  | 'MEDICAL_PSYCHOLOGIST'
  | 'EXERCISE_THERAPY_PHYSICIAN'
  | 'EXERCISE_THERAPY_INSTRUCTOR'
  | 'PHYSIOTHERAPIST'
  | 'NEUROLOGIST'
  | 'PAEDIATRICIAN'
  | 'REHABILITATION_NURSE'
  | 'MASSAGE_NURSE'

export interface RehabilitationSessionTable {
  id: Generated<string>
  episode_id: string
  held_on: string
  duration_minutes: number
  mode: 'IN_CENTRE' | 'AT_HOME' | 'REMOTE'
  specialist_role: RehabilitationSpecialistRole
  attended: boolean
  /** Required when `attended` is false, absent otherwise. */
  cancellation_reason: string | null
  /** The item of the child's ИПРП (social's id, unchecked here); null for rehabilitation outside a programme. */
  programme_service_id: string | null
  /** A specialist of health's own register; null when the session does not name one. */
  specialist_id: string | null
}
