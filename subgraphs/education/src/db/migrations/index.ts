import type { Migration } from 'kysely'
import * as createSignalOutbox from './2026_12_09_1000_create_signal_outbox.js'
import * as createAttachment from './2026_12_10_1600_create_attachment.js'
import * as addSignalRefusal from './2026_12_10_1700_add_signal_refusal.js'
import * as createReferenceDictionaries from './2026_12_11_1000_create_reference_dictionaries.js'
import * as addReferenceAttributes from './2026_12_12_0900_add_reference_attributes.js'
import * as addKindergartenCodes from './2026_12_12_1000_add_kindergarten_codes.js'
import * as createIdempotentRequest from './2026_11_24_1700_create_idempotent_request.js'
import * as chainAccessAudit from './2026_12_06_2300_chain_access_audit.js'
import * as createDomainEvents from './2026_12_10_1500_create_domain_events.js'
import * as createAccessAudit from './2026_11_24_1200_create_access_audit.js'
import * as createEducationRecords from './2026_11_23_1600_create_education_records.js'
import * as addEarlyHelpAndQueueRules from './2026_11_23_1900_add_early_help_and_queue_rules.js'
import * as addChildMerges from './2026_11_23_2000_add_child_merges.js'
import * as linkSessionsToProgrammeServices from './2026_11_24_0900_link_sessions_to_programme_services.js'
import * as createStaffing from './2026_11_23_2100_create_staffing.js'
import * as addSessionSpecialists from './2026_11_24_1000_add_session_specialists.js'

import * as createPreschoolIndicatorSnapshot from './2026_11_24_1320_create_preschool_indicator_snapshot.js'
import * as createStaffingIndicatorSnapshot from './2026_11_24_1310_create_staffing_indicator_snapshot.js'
import * as keepPreschoolSnapshotChildren from './2026_11_24_1400_keep_preschool_snapshot_children.js'

export const migrations: Record<string, Migration> = {
  '2026_11_23_1600_create_education_records': createEducationRecords,
  '2026_11_23_1900_add_early_help_and_queue_rules': addEarlyHelpAndQueueRules,
  '2026_11_23_2000_add_child_merges': addChildMerges,
  '2026_11_24_0900_link_sessions_to_programme_services': linkSessionsToProgrammeServices,
  '2026_11_23_2100_create_staffing': createStaffing,
  '2026_11_24_1000_add_session_specialists': addSessionSpecialists,
  '2026_11_24_1200_create_access_audit': createAccessAudit,
  '2026_11_24_1310_create_staffing_indicator_snapshot': createStaffingIndicatorSnapshot,
  '2026_11_24_1320_create_preschool_indicator_snapshot': createPreschoolIndicatorSnapshot,
  '2026_11_24_1400_keep_preschool_snapshot_children': keepPreschoolSnapshotChildren,
  '2026_11_24_1700_create_idempotent_request': createIdempotentRequest,
  '2026_12_06_2300_chain_access_audit': chainAccessAudit,
  '2026_12_09_1000_create_signal_outbox': createSignalOutbox,
  '2026_12_10_1500_create_domain_events': createDomainEvents,
  '2026_12_10_1600_create_attachment': createAttachment,
  '2026_12_10_1700_add_signal_refusal': addSignalRefusal,
  '2026_12_11_1000_create_reference_dictionaries': createReferenceDictionaries,
  '2026_12_12_0900_add_reference_attributes': addReferenceAttributes,
  '2026_12_12_1000_add_kindergarten_codes': addKindergartenCodes,
}
