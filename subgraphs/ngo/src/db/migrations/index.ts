import type { Migration } from 'kysely'
import * as createIdempotentRequest from './2026_11_24_1700_create_idempotent_request.js'
import * as chainAccessAudit from './2026_12_06_2300_chain_access_audit.js'
import * as createDomainEvents from './2026_12_10_1500_create_domain_events.js'
import * as createAccessAudit from './2026_11_24_1200_create_access_audit.js'
import * as createNgoRecords from './2026_11_23_1600_create_ngo_records.js'
import * as extendParentGroups from './2026_11_23_1800_extend_parent_groups.js'
import * as createVolunteers from './2026_11_23_1810_create_volunteers.js'
import * as addSessionCancellationReason from './2026_11_23_1820_add_session_cancellation_reason.js'
import * as addChildMerges from './2026_11_23_2000_add_child_merges.js'
import * as linkSessionsToProgrammeServices from './2026_11_24_0900_link_sessions_to_programme_services.js'
import * as createStaffing from './2026_11_23_2100_create_staffing.js'
import * as addSessionSpecialists from './2026_11_24_1000_add_session_specialists.js'

import * as createStaffingIndicatorSnapshot from './2026_11_24_1310_create_staffing_indicator_snapshot.js'

export const migrations: Record<string, Migration> = {
  '2026_11_23_1600_create_ngo_records': createNgoRecords,
  '2026_11_23_1800_extend_parent_groups': extendParentGroups,
  '2026_11_23_1810_create_volunteers': createVolunteers,
  '2026_11_23_1820_add_session_cancellation_reason': addSessionCancellationReason,
  '2026_11_23_2000_add_child_merges': addChildMerges,
  '2026_11_24_0900_link_sessions_to_programme_services': linkSessionsToProgrammeServices,
  '2026_11_23_2100_create_staffing': createStaffing,
  '2026_11_24_1000_add_session_specialists': addSessionSpecialists,
  '2026_11_24_1200_create_access_audit': createAccessAudit,
  '2026_11_24_1310_create_staffing_indicator_snapshot': createStaffingIndicatorSnapshot,
  '2026_11_24_1700_create_idempotent_request': createIdempotentRequest,
  '2026_12_06_2300_chain_access_audit': chainAccessAudit,
  '2026_12_10_1500_create_domain_events': createDomainEvents,
}
