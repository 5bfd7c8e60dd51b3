import type { Generated } from 'kysely'

/** Tables of the education database. A child appears only as `child_id`: identity lives in social. */
export interface DB {
  kindergarten: KindergartenTable
  pmpk_conclusion: PmpkConclusionTable
  preschool_application: PreschoolApplicationTable
}

export interface KindergartenTable {
  id: Generated<string>
  name: string
  municipality_oktmo: string
}

export interface PmpkConclusionTable {
  id: Generated<string>
  child_id: string
  number: string
  commission: string
  concluded_on: string
  needs_special_conditions: boolean
  recommended_programme: 'GENERAL' | 'ADAPTED'
  recommended_conditions: Generated<string[]>
}

export interface PreschoolApplicationTable {
  id: Generated<string>
  child_id: string
  applied_on: string
  desired_start_on: string
  status: 'QUEUED' | 'DIRECTED' | 'ENROLLED' | 'WITHDRAWN'
  kindergarten_id: string | null
  enrolled_on: string | null
  group_type: 'GENERAL' | 'COMPENSATORY' | 'COMBINED' | 'SHORT_STAY' | null
}
