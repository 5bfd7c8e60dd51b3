import type { EventTables } from '@hub/subgraph-kit/events/tables'
import type { ReferenceTables } from '@hub/subgraph-kit/reference/tables'
import type { AttachmentTables } from '@hub/subgraph-kit/attachments/attachment.queries'
import type { IdempotencyTables } from '@hub/subgraph-kit/idempotency/idempotent_request.queries'
import type { AccessAuditTables } from '@hub/subgraph-kit/access/audit'
import type { ColumnType, Generated } from 'kysely'
import type { Side, SpecialistRole, StaffingTables } from '@hub/side-contract/staffing/database'

export type { Side, SpecialistRole }

/** Tables of the social database: the only database that holds children's identity. Staffing tables come from the kit. */
export interface DB
  extends StaffingTables, AccessAuditTables, IdempotencyTables, EventTables, AttachmentTables, ReferenceTables {
  municipality: MunicipalityTable
  family: FamilyTable
  family_member: FamilyMemberTable
  member_contact: MemberContactTable
  legal_representative: LegalRepresentativeTable
  family_situation: FamilySituationTable
  child: ChildTable
  child_criterion: ChildCriterionTable
  provider: ProviderTable
  service_type: ServiceTypeTable
  service_type_version: ServiceTypeVersionTable
  registry_status_change: RegistryStatusChangeTable
  possible_duplicate: PossibleDuplicateTable
  provider_municipality: ProviderMunicipalityTable
  provider_service: ProviderServiceTable
  deadline_clock: DeadlineClockTable
  non_working_day: NonWorkingDayTable
  working_calendar_day: WorkingCalendarDayTable
  referral: ReferralTable
  referral_pause: ReferralPauseTable
  programme: ProgrammeTable
  programme_goal: ProgrammeGoalTable
  programme_service: ProgrammeServiceTable
  programme_review: ProgrammeReviewTable
  programme_review_rating: ProgrammeReviewRatingTable
  child_merge_step: ChildMergeStepTable
  child_merge_move: ChildMergeMoveTable
  child_merge: ChildMergeTable
  child_merge_delivery: ChildMergeDeliveryTable
  social_session: SocialSessionTable
  consent: ConsentTable
  quarterly_report: QuarterlyReportTable
  indicator_snapshot: IndicatorSnapshotTable
  child_find_signal: ChildFindSignalTable
  staff_member: StaffMemberTable
  programme_lead: ProgrammeLeadTable
  deadline_notification: DeadlineNotificationTable
  notification_read: NotificationReadTable
  notification_recipient: NotificationRecipientTable
  registry_import: RegistryImportTable
  registry_import_row: RegistryImportRowTable
}

export interface MunicipalityTable {
  oktmo: string
  name: string
  /** GeoJSON geometry (Polygon or MultiPolygon); null until the region loads it. */
  boundary: ColumnType<Geometry | null, string | null | undefined, string | null>
}

/** A GeoJSON geometry of a municipality (RFC 7946). */
export type Geometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }

export interface FamilyTable {
  id: Generated<string>
  municipality_oktmo: string
  address: string | null
  created_at: ColumnType<Date, Date | undefined, never>
}

export type Kinship = 'PARENT' | 'STEP_PARENT' | 'GRANDPARENT' | 'SIBLING' | 'OTHER_RELATIVE' | 'NOT_RELATED' | 'OTHER'

export interface FamilyMemberTable {
  id: Generated<string>
  family_id: string
  last_name: string
  first_name: string
  patronymic: string | null
  /** The full name as a search compares it (names.ts `nameKey`); null only for members a previous release added. */
  name_key: ColumnType<string | null, string, string>
  kinship: Kinship
  birth_date: string | null
  left_on: string | null
  created_at: ColumnType<Date, Date | undefined, never>
}

export type ContactKind = 'PHONE' | 'EMAIL'

export interface MemberContactTable {
  id: Generated<string>
  member_id: string
  kind: ContactKind
  value: string
  created_at: ColumnType<Date, Date | undefined, never>
}

export type RepresentativeRelation = 'MOTHER' | 'FATHER' | 'GUARDIAN' | 'FOSTER_PARENT' | 'ADOPTIVE_PARENT' | 'OTHER'

export interface LegalRepresentativeTable {
  id: Generated<string>
  member_id: string
  relation: RepresentativeRelation
  document_basis: string | null
  valid_from: string
  valid_to: string | null
}

export interface FamilySituationTable {
  id: Generated<string>
  family_id: string
  kind: 'TJS' | 'SOP'
  decision_number: string
  decided_on: string
  ended_on: string | null
}

export type RegistryStatus =
  | 'POTENTIALLY_IN_NEED'
  | 'REFERRED'
  | 'IN_NEED'
  | 'NOT_IN_NEED'
  | 'CONSULTATION_ONLY'
  | 'PROGRAMME_ACTIVE'
  | 'COMPLETED'
  | 'EXITED'

export interface ChildTable {
  id: Generated<string>
  family_id: string | null
  last_name: string
  first_name: string
  patronymic: string | null
  /** Full name normalised for duplicate detection (names.ts `nameKey`). */
  name_key: string
  birth_date: string
  sex: 'MALE' | 'FEMALE'
  snils: string | null
  municipality_oktmo: string
  registry_status: RegistryStatus
  registered_at: ColumnType<Date, Date | undefined, never>
  /** Set when this record was merged into another record of the same child. */
  merged_into_id: ColumnType<string | null, string | null | undefined, string | null>
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
  /** Set for FAMILY_SOP / FAMILY_TJS criteria that follow from a family's decision. */
  family_situation_id: string | null
}

export type ProviderKind =
  | 'EARLY_HELP_CENTRE'
  | 'SOCIAL_SERVICE_CENTRE'
  | 'REHABILITATION_CENTRE'
  | 'MEDICAL_ORGANISATION'
  | 'PPMS_CENTRE'
  | 'PRESCHOOL'
  | 'NON_PROFIT'
  | 'OTHER'

export type ModerationStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'SUSPENDED'

export interface ProviderTable {
  id: Generated<string>
  name: string
  side: Side
  inn: string
  ogrn: string
  municipality_oktmo: string
  remote_delivery: Generated<boolean>
  kind: Generated<ProviderKind>
  address: string | null
  moderation_status: Generated<ModerationStatus>
  moderation_note: string | null
}

export interface ProviderMunicipalityTable {
  provider_id: string
  municipality_oktmo: string
}

export interface ProviderServiceTable {
  provider_id: string
  service_code: string
}

export type ServiceKind = 'NEED_DETERMINATION' | 'PROGRAMME_PLANNING' | 'CONSULTATION' | 'PROGRAMME'

/** A service of the regional catalogue: what never changes (its code, its kind); its editions are versions. */
export interface ServiceTypeTable {
  code: string
  kind: Generated<ServiceKind>
}

/** An edition of a catalogue service, in force from `effective_from` until the next edition of the same service. */
export interface ServiceTypeVersionTable {
  code: string
  effective_from: string
  name: string
  description: Generated<string>
  standard_duration_minutes: number | null
  standard_frequency: string | null
  remote_allowed: boolean
  required_roles: Generated<SpecialistRole[]>
  /** The edition takes the service out of the catalogue from its day on; it repeats the last edition's content. */
  retired: Generated<boolean>
  /** When the edition was recorded, or replaced while it was still planned. */
  recorded_at: ColumnType<Date, Date | undefined, Date>
}

export interface RegistryStatusChangeTable {
  id: Generated<string>
  child_id: string
  from_status: RegistryStatus | null
  to_status: RegistryStatus
  changed_at: ColumnType<Date, Date | undefined, never>
  reason: string | null
}

export interface PossibleDuplicateTable {
  id: Generated<string>
  child_id: string
  candidate_child_id: string
  reason: string
  status: Generated<'OPEN' | 'DISMISSED' | 'MERGED'>
  detected_at: ColumnType<Date, Date | undefined, never>
  resolved_at: Date | null
  resolution_note: string | null
}

export type ClockCode =
  | 'REFERRAL_TO_NEED_DETERMINATION'
  | 'REFERRAL_TO_PROGRAMME'
  | 'PROGRAMME_REVIEW'
  | 'TRANSITION_NOTICE'
  | 'SIGNAL_HANDLING'

export interface DeadlineClockTable {
  code: ClockCode
  days: number
  day_kind: 'CALENDAR' | 'WORKING'
}

export interface NonWorkingDayTable {
  day: string
  note: string | null
}

/** What a day of the production calendar is, when it is not an ordinary weekday or weekend day. */
export type CalendarDayKind = 'NON_WORKING' | 'SHORTENED' | 'WORKING_WEEKEND'

/** A working day of the production calendar that is not an ordinary one: shortened, or a weekend day worked. */
export interface WorkingCalendarDayTable {
  day: string
  kind: Exclude<CalendarDayKind, 'NON_WORKING'>
  note: string | null
}

export type ReferralRejectionReason =
  | 'NOT_TARGET_GROUP'
  | 'OUTSIDE_SERVICE_AREA'
  | 'SERVICE_NOT_OFFERED'
  | 'NO_CAPACITY'
  | 'FAMILY_DECLINED'
  | 'DUPLICATE'
  | 'OTHER'

export interface ReferralTable {
  id: Generated<string>
  child_id: string
  from_side: Side
  from_organisation: string
  provider_id: string
  reason: string
  received_on: string
  status: Generated<'RECEIVED' | 'ACCEPTED' | 'REJECTED'>
  decided_on: string | null
  rejection_reason: ReferralRejectionReason | null
  rejection_note: string | null
  need_determined_on: string | null
  programme_signed_on: string | null
  need_outcome: NeedOutcome | null
  need_note: string | null
}

export type PauseReason = 'FAMILY_UNAVAILABLE' | 'CHILD_ILL' | 'FAMILY_REQUEST' | 'CHILD_HOSPITALISED' | 'OTHER'

export interface ReferralPauseTable {
  id: Generated<string>
  referral_id: string
  reason: PauseReason
  note: string | null
  started_on: string
  ended_on: string | null
}

export type NeedOutcome = 'IN_NEED' | 'NOT_IN_NEED' | 'CONSULTATION_ONLY'

export type ProgrammeStatus = 'DRAFT' | 'SIGNED' | 'SUPERSEDED' | 'CLOSED'

export type ExitReason =
  | 'TRANSITION_TO_PRESCHOOL'
  | 'OTHER_SERVICES'
  | 'CONTINUED_HELP'
  | 'GOALS_ACHIEVED'
  | 'MOVED'
  | 'DECLINED'
  | 'LOST_CONTACT'
  | 'DIED'

export interface ProgrammeTable {
  id: Generated<string>
  child_id: string
  referral_id: string
  provider_id: string
  version: number
  status: Generated<ProgrammeStatus>
  lead_specialist_role: SpecialistRole | null
  created_at: ColumnType<Date, Date | undefined, never>
  signed_on: string | null
  signed_by_representative_id: string | null
  closed_on: string | null
  exit_reason: ExitReason | null
}

/**
 * A member of staff as the identity provider names them (the token's `sub` and `name`): staff data, kept so that a
 * programme's lead specialist can be chosen and shown by name. No child's data.
 */
export interface StaffMemberTable {
  subject: string
  name: string
  side: 'health' | 'education' | 'social' | 'ngo' | 'regional'
  organisation: string | null
  first_seen_at: ColumnType<Date, Date | undefined, never>
  last_seen_at: ColumnType<Date, Date | undefined, Date>
}

/** The lead specialist (куратор) of a child's programme at its provider, from an assignment until the next one. */
export interface ProgrammeLeadTable {
  id: Generated<string>
  programme_id: string
  subject: string
  assigned_at: ColumnType<Date, Date | undefined, never>
  assigned_by: string
  ended_at: ColumnType<Date | null, Date | null | undefined, Date>
}

export interface ProgrammeGoalTable {
  id: Generated<string>
  programme_id: string
  /** Order of the goal as drafted. */
  position: number
  icf_code: string
  baseline_qualifier: number
  target_qualifier: number
  description: string
}

export type DeliveryMode = 'IN_CENTRE' | 'AT_HOME' | 'GROUP' | 'REMOTE'

export interface ProgrammeServiceTable {
  id: Generated<string>
  programme_id: string
  position: number
  service_code: string
  sessions_per_month: number
  duration_minutes: number
  mode: DeliveryMode
  responsible_side: Side
  provider_id: string
}

export interface ProgrammeReviewTable {
  id: Generated<string>
  programme_id: string
  kind: 'INTERMEDIATE' | 'FINAL'
  reviewed_on: string
  note: string | null
}

export interface ProgrammeReviewRatingTable {
  id: Generated<string>
  review_id: string
  position: number
  icf_code: string
  qualifier: number
}

/** Kit table (child-merge.ts): this database's part in each merge. */
export interface ChildMergeStepTable {
  merge_id: string
  survivor_id: string
  merged_id: string
  applied_at: Date | null
  undone_at: Date | null
}

export interface ChildMergeMoveTable {
  merge_id: string
  moved_table: string
  row_id: string
}

export interface ChildMergeTable {
  id: string
  survivor_id: string
  merged_id: string
  possible_duplicate_id: string | null
  reason: string
  merged_at: ColumnType<Date, Date | undefined, never>
  moved_snils: string | null
  undone_at: Date | null
  undo_reason: string | null
}

export type MergeSide = 'HEALTH' | 'EDUCATION' | 'NGO'

export interface ChildMergeDeliveryTable {
  merge_id: string
  side: MergeSide
  action: 'APPLY' | 'UNDO'
  requested_at: ColumnType<Date, Date | undefined, never>
  delivered_at: Date | null
  moved_records: number | null
  attempts: Generated<number>
  last_attempt_at: Date | null
  last_error: string | null
}

export type SocialSessionCancellationReason =
  'CHILD_ILL' | 'FAMILY_REQUEST' | 'FAMILY_NO_SHOW' | 'SPECIALIST_UNAVAILABLE' | 'ORGANISATION_CLOSED' | 'OTHER'

export interface SocialSessionTable {
  id: Generated<string>
  programme_service_id: string
  delivered_on: string
  duration_minutes: number
  mode: DeliveryMode
  specialist_role: SpecialistRole
  attended: boolean
  cancellation_reason: SocialSessionCancellationReason | null
  /** A specialist of social's own register; null when the session does not name one. */
  specialist_id: string | null
}

export type ConsentScope = 'HEALTH' | 'PMPK' | 'FAMILY'
export type AccessPurpose = 'EARLY_HELP' | 'NEED_DETERMINATION' | 'TRANSITION'
export type ConsentRecipientSide = Side | 'REGIONAL'

export interface ConsentTable {
  id: Generated<string>
  child_id: string
  representative_id: string
  purpose: AccessPurpose
  recipient_side: ConsentRecipientSide | null
  recipient_provider_id: string | null
  scopes: ConsentScope[]
  document: string
  given_at: string
  revoked_at: string | null
  revocation_note: string | null
  recorded_at: Generated<string>
}

export type CoverageRule = 'PROGRAMME_IN_FORCE' | 'ANY_SERVICE'

export interface QuarterlyReportTable {
  id: Generated<string>
  year: number
  quarter: number
  period_from: string
  period_to: string
  definition_version: string
  coverage_rule: CoverageRule
  filed_at: ColumnType<Date, Date | undefined, never>
  filed_by_side: string
  filed_by_organisation: string | null
  filed_by_subject: string
  /** ОКТМО codes of the region's municipalities at filing. */
  municipalities: string[]
}

export interface IndicatorSnapshotTable {
  report_id: string
  /** '' for the region, else a municipality's ОКТМО. */
  territory: string
  figure: string
  /** '' for a figure without a breakdown. */
  key: string
  count: number
  child_ids: string[]
}

export type NotificationCrossing = 'DUE_SOON' | 'BREACHED'

/**
 * A deadline crossing: a run of a clock (item, clock, start) came within the configured days of its due date, or
 * passed it. Written once by the notification sweep, addressed to the coordination and to the item's provider (a
 * child-find signal has none: the coordination decides it).
 */
export interface DeadlineNotificationTable {
  id: Generated<string>
  item_kind: 'REFERRAL' | 'PROGRAMME' | 'SIGNAL'
  item_id: string
  child_id: string
  provider_id: string | null
  clock: ClockCode
  started_on: string
  due_on: string
  crossing: NotificationCrossing
  created_at: ColumnType<Date, Date | undefined, never>
}

/** Who (a token's subject) has read which notification. */
export interface NotificationReadTable {
  notification_id: string
  subject: string
  read_at: ColumnType<Date, Date | undefined, never>
}

/** A member of staff's notification settings: the address of the daily digest, whether they want it, when it last went. */
export interface NotificationRecipientTable {
  subject: string
  name: string | null
  email: string | null
  side: 'health' | 'education' | 'social' | 'ngo' | 'regional'
  role: 'specialist' | 'coordinator'
  organisation: string | null
  digest: ColumnType<boolean, boolean | undefined, boolean>
  last_digest_on: string | null
  updated_at: ColumnType<Date, Date | undefined, Date>
}

export type SignalSide = 'HEALTH' | 'EDUCATION'

export type ChildFindSignalKind =
  | 'HEALTH_GROUP_IV'
  | 'HEALTH_GROUP_V'
  | 'LISTED_DIAGNOSIS'
  | 'NEONATAL_SCREENING_CONFIRMED'
  | 'AUDIOLOGY_SCREENING_CONFIRMED'
  | 'PMPK_SPECIAL_CONDITIONS'

export type ChildFindSignalStatus = 'NEW' | 'ACCEPTED' | 'DISMISSED'

export interface ChildFindSignalTable {
  id: string
  child_id: string
  source: SignalSide
  kind: ChildFindSignalKind
  proposed_criterion: ChildCriterionTable['code']
  source_record_id: string
  recorded_on: string
  received_at: ColumnType<Date, Date | undefined, never>
  status: Generated<ChildFindSignalStatus>
  decided_by: string | null
  decided_at: Date | null
  dismiss_reason: string | null
  criterion_id: string | null
}

/** An import of a region's existing registry from one file, resumed by the file's SHA-256 until it is finished. */
export interface RegistryImportTable {
  id: Generated<string>
  file_name: string
  file_sha256: string
  total_rows: number
  rows_done: Generated<number>
  created: Generated<number>
  merged: Generated<number>
  refused: Generated<number>
  started_by: string
  started_at: ColumnType<Date, Date | undefined, never>
  finished_at: Date | null
}

export type RegistryImportOutcome = 'CREATED' | 'MERGED' | 'REFUSED'

/** One refusal of an imported row: the hub's column, the rule and its Russian text. */
export interface RegistryImportError {
  column: string | null
  rule: string
  message: string
}

/** What became of one row of an import file, by its line in the file. */
export interface RegistryImportRowTable {
  import_id: string
  line: number
  outcome: RegistryImportOutcome
  child_id: string | null
  errors: ColumnType<RegistryImportError[], string | undefined, never>
}
