import type { Generated } from 'kysely'

/** Tables of the health database. A child appears only as `child_id`: identity lives in social. */
export interface DB {
  icd10_code: Icd10CodeTable
  health_group_assessment: HealthGroupAssessmentTable
  detection_event: DetectionEventTable
  diagnosis: DiagnosisTable
  risk_factor: RiskFactorTable
}

export interface Icd10CodeTable {
  code: string
  name: string
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
