import type { EventTables } from '@hub/subgraph-kit/events/tables'
import type { IdempotencyTables } from '@hub/subgraph-kit/idempotency/idempotent_request.queries'
import type { AccessAuditTables } from '@hub/subgraph-kit/access/audit'
import type { Generated } from 'kysely'
import type { SpecialistRole, StaffingTables } from '@hub/side-contract/staffing/database'

/**
 * Tables of the ngo database. Children, families and providers appear only as ids: identity lives in social,
 * and so does the registry of providers. The staffing tables (the non-state providers' specialists) come from the kit.
 */
export interface DB extends StaffingTables, AccessAuditTables, IdempotencyTables, EventTables {
  ngo_session: NgoSessionTable
  parent_group: ParentGroupTable
  parent_group_participation: ParentGroupParticipationTable
  parent_group_meeting: ParentGroupMeetingTable
  volunteer: VolunteerTable
  volunteer_hours: VolunteerHoursTable
}

export type DeliveryMode = 'IN_CENTRE' | 'AT_HOME' | 'GROUP' | 'REMOTE'
export type NgoSessionCancellationReason =
  'CHILD_ILL' | 'FAMILY_REQUEST' | 'FAMILY_NO_SHOW' | 'SPECIALIST_UNAVAILABLE' | 'PROVIDER_ORGANISATIONAL' | 'OTHER'
export type ParentGroupFormat = 'IN_PERSON' | 'REMOTE' | 'MIXED'
export type VolunteerActivity = 'FAMILY_SUPPORT' | 'CHILD_LEISURE' | 'TRANSPORT' | 'EVENTS' | 'PARENT_GROUPS'

export interface NgoSessionTable {
  id: Generated<string>
  child_id: string
  provider_id: string
  service_code: string
  delivered_on: string
  duration_minutes: number
  mode: DeliveryMode
  attended: boolean
  /** Null on attended sessions, and on cancelled ones recorded before reasons were kept. */
  cancellation_reason: NgoSessionCancellationReason | null
  /** The item of the child's ИПРП (social's id, unchecked here); null only on sessions recorded before the link. */
  programme_service_id: string | null
  /** A specialist of ngo's own register; null when the session does not name one. */
  specialist_id: string | null
  /** Given, or the named specialist's; null on sessions that name neither. */
  specialist_role: SpecialistRole | null
}

export interface ParentGroupTable {
  id: Generated<string>
  provider_id: string
  name: string
  municipality_oktmo: string
  /** Null for groups recorded before the format and start were kept. */
  format: ParentGroupFormat | null
  started_on: string | null
}

export interface ParentGroupParticipationTable {
  id: Generated<string>
  parent_group_id: string
  family_id: string
  joined_on: string
  left_on: string | null
}

export interface ParentGroupMeetingTable {
  id: Generated<string>
  parent_group_id: string
  held_on: string
  topic: string
  format: ParentGroupFormat
  attending_families: number
}

export interface VolunteerTable {
  id: Generated<string>
  provider_id: string
  registration_number: string
  activity_kinds: VolunteerActivity[]
  started_on: string
  ended_on: string | null
}

export interface VolunteerHoursTable {
  id: Generated<string>
  volunteer_id: string
  worked_on: string
  minutes: number
  activity: VolunteerActivity
}
