import type { Migration } from 'kysely'
import * as createIdempotentRequest from './2026_11_24_1700_create_idempotent_request.js'
import * as chainAccessAudit from './2026_12_06_2300_chain_access_audit.js'
import * as createSignalOutbox from './2026_12_09_1000_create_signal_outbox.js'
import * as createDomainEvents from './2026_12_10_1500_create_domain_events.js'
import * as addSignalRefusal from './2026_12_10_1700_add_signal_refusal.js'
import * as createAccessAudit from './2026_11_24_1200_create_access_audit.js'
import * as createHealthRecords from './2026_11_23_1600_create_health_records.js'
import * as createReferenceDictionaries from './2026_12_11_1000_create_reference_dictionaries.js'
import * as addReferenceAttributes from './2026_12_12_0900_add_reference_attributes.js'
import * as insertIcd10Codes from './2026_11_23_1610_insert_icd10_codes.js'
import * as createObservationAndRehabilitation from './2026_11_23_1800_create_observation_and_rehabilitation.js'
import * as addChildMerges from './2026_11_23_2000_add_child_merges.js'
import * as linkSessionsToProgrammeServices from './2026_11_24_0900_link_sessions_to_programme_services.js'
import * as createStaffing from './2026_11_23_2100_create_staffing.js'
import * as addSessionSpecialists from './2026_11_24_1000_add_session_specialists.js'

import * as createStaffingIndicatorSnapshot from './2026_11_24_1310_create_staffing_indicator_snapshot.js'

export const migrations: Record<string, Migration> = {
  '2026_11_23_1600_create_health_records': createHealthRecords,
  '2026_11_23_1610_insert_icd10_codes': insertIcd10Codes,
  '2026_11_23_1800_create_observation_and_rehabilitation': createObservationAndRehabilitation,
  '2026_11_23_2000_add_child_merges': addChildMerges,
  '2026_11_24_0900_link_sessions_to_programme_services': linkSessionsToProgrammeServices,
  '2026_11_23_2100_create_staffing': createStaffing,
  '2026_11_24_1000_add_session_specialists': addSessionSpecialists,
  '2026_11_24_1200_create_access_audit': createAccessAudit,
  '2026_11_24_1310_create_staffing_indicator_snapshot': createStaffingIndicatorSnapshot,
  '2026_11_24_1700_create_idempotent_request': createIdempotentRequest,
  '2026_12_06_2300_chain_access_audit': chainAccessAudit,
  '2026_12_09_1000_create_signal_outbox': createSignalOutbox,
  '2026_12_10_1500_create_domain_events': createDomainEvents,
  '2026_12_10_1700_add_signal_refusal': addSignalRefusal,
  '2026_12_11_1000_create_reference_dictionaries': createReferenceDictionaries,
  '2026_12_12_0900_add_reference_attributes': addReferenceAttributes,
}
