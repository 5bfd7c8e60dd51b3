import type { SignalOutboxTables } from '@hub/side-contract/signals/signal_outbox.queries'
import type { EventTables } from '@hub/subgraph-kit/events/tables'
import type { ReferenceTables } from '@hub/subgraph-kit/reference/tables'
import type { AttachmentTables } from '@hub/subgraph-kit/attachments/attachment.queries'
import type { IdempotencyTables } from '@hub/subgraph-kit/idempotency/idempotent_request.queries'
import type { AccessAuditTables } from '@hub/subgraph-kit/access/audit'
import type { ColumnType, Generated } from 'kysely'
import type { SpecialistRole, StaffingTables } from '@hub/side-contract/staffing/database'

/**
 * Tables of the education database. A child appears only as `child_id`: identity lives in social. The staffing tables
 * (education's specialists) come from the kit.
 */
export interface DB
  extends
    StaffingTables,
    AccessAuditTables,
    IdempotencyTables,
    SignalOutboxTables,
    EventTables,
    AttachmentTables,
    ReferenceTables {
  kindergarten: KindergartenTable
  kindergarten_group: KindergartenGroupTable
  pmpk_conclusion: PmpkConclusionTable
  preschool_application: PreschoolApplicationTable
  early_help_unit: EarlyHelpUnitTable
  education_session: EducationSessionTable
  preschool_indicator_snapshot: PreschoolIndicatorSnapshotTable
}

/** Placement of the children who turned three in a period, as counted for the monitoring indicators. */
export interface PreschoolFigures {
  reachedThree: number
  enrolled: number
  directed: number
  queued: number
  withoutPlacement: number
}

/** The children behind the preschool figures, by where each stands in the queue on the period's last day. */
export interface PreschoolChildren {
  enrolled: string[]
  directed: string[]
  queued: string[]
  none: string[]
}

export interface PreschoolIndicatorSnapshotTable {
  report_id: string
  /** '' for the region, else a municipality's ОКТМО. */
  territory: string
  figures: ColumnType<PreschoolFigures, string, never>
  /** Null for a report filed before the children were kept. */
  children: ColumnType<PreschoolChildren | null, string, never>
}

export type EducationProgramme = 'GENERAL' | 'ADAPTED'
export type PreschoolStatus = 'QUEUED' | 'DIRECTED' | 'ENROLLED' | 'WITHDRAWN'
export type PreschoolGroupType = 'GENERAL' | 'COMPENSATORY' | 'COMBINED' | 'SHORT_STAY'
export type PreschoolWithdrawalReason =
  'PARENTS_REQUEST' | 'MOVED_AWAY' | 'PLACED_ELSEWHERE' | 'FAMILY_EDUCATION' | 'OTHER'
export type EarlyHelpUnitKind = 'CONSULTATION_POINT' | 'LEKOTEKA' | 'SHORT_STAY_GROUP' | 'EARLY_HELP_SERVICE'
export type DeliveryMode = 'IN_CENTRE' | 'AT_HOME' | 'GROUP' | 'REMOTE'
export type EducationSessionCancellationReason =
  'CHILD_ILL' | 'FAMILY_REQUEST' | 'FAMILY_NO_SHOW' | 'SPECIALIST_UNAVAILABLE' | 'ORGANISATION_CLOSED' | 'OTHER'

/** `code`, `address`: from the education department's file (null for a kindergarten recorded before it). */
export interface KindergartenTable {
  id: Generated<string>
  name: string
  municipality_oktmo: string
  code: string | null
  address: string | null
  /** The day the department's file stopped listing it; a closed kindergarten stays for the records that name it. */
  closed_on: string | null
}

/** Направленность группы (ФЗ-273 ст. 64, Порядок организации дошкольного образования). */
export type KindergartenGroupFocus = 'GENERAL' | 'COMPENSATORY' | 'COMBINED' | 'HEALTH_IMPROVING'

/** A group of a kindergarten as the department's file lists it; `title` is the group's name, not a person's. */
export interface KindergartenGroupTable {
  id: Generated<string>
  kindergarten_id: string
  code: string
  title: string
  age_from_months: number
  age_to_months: number
  focus: KindergartenGroupFocus
  places: number
  closed_on: string | null
}

export interface PmpkConclusionTable {
  id: Generated<string>
  child_id: string
  number: string
  commission: string
  concluded_on: string
  needs_special_conditions: boolean
  recommended_programme: EducationProgramme
  recommended_conditions: Generated<string[]>
}

export interface PreschoolApplicationTable {
  id: Generated<string>
  child_id: string
  applied_on: string
  desired_start_on: string
  status: PreschoolStatus
  kindergarten_id: string | null
  enrolled_on: string | null
  group_type: PreschoolGroupType | null
  withdrawal_reason: PreschoolWithdrawalReason | null
}

/** A form of early help a kindergarten runs (консультационный пункт, лекотека, …); `title` is the unit's name. */
export interface EarlyHelpUnitTable {
  id: Generated<string>
  kindergarten_id: string
  kind: EarlyHelpUnitKind
  title: string
  /** Its code within its kindergarten in the department's file; null for a unit recorded before it. */
  code: string | null
  opened_on: string | null
  /** A closed unit stays for the sessions recorded in it. */
  closed_on: string | null
}

export interface EducationSessionTable {
  id: Generated<string>
  child_id: string
  unit_id: string
  service_code: string
  delivered_on: string
  duration_minutes: number
  mode: DeliveryMode
  attended: boolean
  cancellation_reason: EducationSessionCancellationReason | null
  /** The item of the child's ИПРП (social's id, unchecked here); null only on sessions recorded before the link. */
  programme_service_id: string | null
  /** A specialist of education's own register; null when the session does not name one. */
  specialist_id: string | null
  /** Given, or the named specialist's; null on sessions that name neither. */
  specialist_role: SpecialistRole | null
}
