import type { Generated } from 'kysely'

/** Tables of the ngo database. Children and families appear only as ids: identity lives in social. */
export interface DB {
  ngo_session: NgoSessionTable
  parent_group: ParentGroupTable
  parent_group_participation: ParentGroupParticipationTable
}

export interface NgoSessionTable {
  id: Generated<string>
  child_id: string
  provider_id: string
  service_code: string
  delivered_on: string
  duration_minutes: number
  mode: 'IN_CENTRE' | 'AT_HOME' | 'GROUP' | 'REMOTE'
  attended: boolean
}

export interface ParentGroupTable {
  id: Generated<string>
  provider_id: string
  name: string
  municipality_oktmo: string
}

export interface ParentGroupParticipationTable {
  id: Generated<string>
  parent_group_id: string
  family_id: string
  joined_on: string
  left_on: string | null
}
