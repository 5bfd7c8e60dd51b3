import type { ColumnType, Generated } from 'kysely'

/** Tables of the social database: the only database that holds children's identity. */
export interface DB {
  municipality: MunicipalityTable
  family: FamilyTable
  legal_representative: LegalRepresentativeTable
  family_situation: FamilySituationTable
  child: ChildTable
  child_criterion: ChildCriterionTable
  provider: ProviderTable
  service_type: ServiceTypeTable
}

export type Side = 'SOCIAL' | 'HEALTH' | 'EDUCATION' | 'NGO'

export interface MunicipalityTable {
  oktmo: string
  name: string
}

export interface FamilyTable {
  id: Generated<string>
  municipality_oktmo: string
  address: string | null
  created_at: ColumnType<Date, Date | undefined, never>
}

export interface LegalRepresentativeTable {
  id: Generated<string>
  family_id: string
  last_name: string
  first_name: string
  patronymic: string | null
  relation: 'MOTHER' | 'FATHER' | 'GUARDIAN' | 'FOSTER_PARENT' | 'ADOPTIVE_PARENT' | 'OTHER'
  document_basis: string | null
  phone: string | null
  email: string | null
}

export interface FamilySituationTable {
  id: Generated<string>
  family_id: string
  kind: 'TJS' | 'SOP'
  decision_number: string
  decided_on: string
  ended_on: string | null
}

export interface ChildTable {
  id: Generated<string>
  family_id: string | null
  last_name: string
  first_name: string
  patronymic: string | null
  birth_date: string
  sex: 'MALE' | 'FEMALE'
  snils: string | null
  municipality_oktmo: string
  registry_status:
    | 'POTENTIALLY_IN_NEED'
    | 'REFERRED'
    | 'IN_NEED'
    | 'NOT_IN_NEED'
    | 'CONSULTATION_ONLY'
    | 'PROGRAMME_ACTIVE'
    | 'COMPLETED'
    | 'EXITED'
  registered_at: ColumnType<Date, Date | undefined, never>
}

export interface ChildCriterionTable {
  id: Generated<string>
  child_id: string
  code:
    | 'DISABLED_CHILD'
    | 'HEALTH_GROUP_IV_V'
    | 'ORPHAN_INSTITUTION'
    | 'FAMILY_TJS'
    | 'FAMILY_SOP'
    | 'DEVELOPMENTAL_PARTICULARITY'
    | 'PARENT_CONCERN'
    | 'SCREENING_POSITIVE'
    | 'GENETIC_DISORDER'
    | 'OVZ_PMPK'
  source: Side
  evidence_document: string | null
  evidence_date: string | null
  valid_from: string
  valid_to: string | null
}

export interface ProviderTable {
  id: Generated<string>
  name: string
  side: Side
  inn: string
  ogrn: string
  municipality_oktmo: string
  remote_delivery: Generated<boolean>
}

export interface ServiceTypeTable {
  code: string
  name: string
}
