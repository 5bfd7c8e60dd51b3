import type { Migration } from 'kysely'
import * as addChildFindSignals from './2026_12_09_1000_add_child_find_signals.js'
import * as createAttachment from './2026_12_10_1600_create_attachment.js'
import * as notifySignalHandling from './2026_12_10_1700_notify_signal_handling.js'
import * as versionServiceCatalogue from './2026_12_11_0900_version_service_catalogue.js'
import * as addRegistryImports from './2026_12_11_0910_add_registry_imports.js'
import * as createIdempotentRequest from './2026_11_24_1700_create_idempotent_request.js'
import * as chainAccessAudit from './2026_12_06_2300_chain_access_audit.js'
import * as createDomainEvents from './2026_12_10_1500_create_domain_events.js'
import * as addProgrammeLeads from './2026_12_07_0300_add_programme_leads.js'
import * as indexChildNameWords from './2026_12_08_0900_index_child_name_words.js'
import * as addFamilyMemberNameKey from './2026_12_08_0910_add_family_member_name_key.js'
import * as addDeadlineNotifications from './2026_12_08_1100_add_deadline_notifications.js'
import * as addConsents from './2026_11_24_1210_add_consents.js'
import * as addQuarterlyReports from './2026_11_24_1300_add_quarterly_reports.js'
import * as createAccessAudit from './2026_11_24_1200_create_access_audit.js'
import * as createRegistry from './2026_11_23_1600_create_registry.js'
import * as addRegistration from './2026_11_23_1730_add_registration.js'
import * as addCatalogueAndProviderRegistry from './2026_11_23_1740_add_catalogue_and_provider_registry.js'
import * as addReferralsAndClocks from './2026_11_23_1750_add_referrals_and_clocks.js'
import * as addProgrammes from './2026_11_23_1800_add_programmes.js'
import * as indexChildBirthDate from './2026_11_23_1910_index_child_birth_date.js'
import * as addChildMerges from './2026_11_23_2000_add_child_merges.js'
import * as addSocialSessions from './2026_11_24_0900_add_social_sessions.js'
import * as createStaffing from './2026_11_23_2100_create_staffing.js'
import * as addSessionSpecialists from './2026_11_24_1000_add_session_specialists.js'
import * as addFamilyMembers from './2026_11_24_1100_add_family_members.js'

import * as indexChildNamePrefix from './2026_11_24_1330_index_child_name_prefix.js'
import * as notifyFigureChanges from './2026_11_24_1400_notify_figure_changes.js'
import * as indexChildMergePossibleDuplicate from './2026_11_24_1410_index_child_merge_possible_duplicate.js'
import * as createReferenceDictionaries from './2026_12_11_1000_create_reference_dictionaries.js'
import * as addReferenceAttributes from './2026_12_12_0900_add_reference_attributes.js'
import * as addWorkingCalendarDays from './2026_12_12_1040_add_working_calendar_days.js'
import * as addMunicipalityBoundaries from './2026_11_24_1320_add_municipality_boundaries.js'
import * as createStaffingIndicatorSnapshot from './2026_11_24_1310_create_staffing_indicator_snapshot.js'

export const migrations: Record<string, Migration> = {
  '2026_11_23_1600_create_registry': createRegistry,
  '2026_11_23_1730_add_registration': addRegistration,
  '2026_11_23_1740_add_catalogue_and_provider_registry': addCatalogueAndProviderRegistry,
  '2026_11_23_1750_add_referrals_and_clocks': addReferralsAndClocks,
  '2026_11_23_1800_add_programmes': addProgrammes,
  '2026_11_23_1910_index_child_birth_date': indexChildBirthDate,
  '2026_11_23_2000_add_child_merges': addChildMerges,
  '2026_11_24_0900_add_social_sessions': addSocialSessions,
  '2026_11_23_2100_create_staffing': createStaffing,
  '2026_11_24_1000_add_session_specialists': addSessionSpecialists,
  '2026_11_24_1100_add_family_members': addFamilyMembers,
  '2026_11_24_1200_create_access_audit': createAccessAudit,
  '2026_11_24_1210_add_consents': addConsents,
  '2026_11_24_1300_add_quarterly_reports': addQuarterlyReports,
  '2026_11_24_1310_create_staffing_indicator_snapshot': createStaffingIndicatorSnapshot,
  '2026_11_24_1320_add_municipality_boundaries': addMunicipalityBoundaries,
  '2026_11_24_1330_index_child_name_prefix': indexChildNamePrefix,
  '2026_11_24_1400_notify_figure_changes': notifyFigureChanges,
  '2026_11_24_1410_index_child_merge_possible_duplicate': indexChildMergePossibleDuplicate,
  '2026_11_24_1700_create_idempotent_request': createIdempotentRequest,
  '2026_12_06_2300_chain_access_audit': chainAccessAudit,
  '2026_12_07_0300_add_programme_leads': addProgrammeLeads,
  '2026_12_08_0900_index_child_name_words': indexChildNameWords,
  '2026_12_08_0910_add_family_member_name_key': addFamilyMemberNameKey,
  '2026_12_08_1100_add_deadline_notifications': addDeadlineNotifications,
  '2026_12_09_1000_add_child_find_signals': addChildFindSignals,
  '2026_12_10_1500_create_domain_events': createDomainEvents,
  '2026_12_10_1600_create_attachment': createAttachment,
  '2026_12_10_1700_notify_signal_handling': notifySignalHandling,
  '2026_12_11_0900_version_service_catalogue': versionServiceCatalogue,
  '2026_12_11_0910_add_registry_imports': addRegistryImports,
  '2026_12_11_1000_create_reference_dictionaries': createReferenceDictionaries,
  '2026_12_12_0900_add_reference_attributes': addReferenceAttributes,
  '2026_12_12_1040_add_working_calendar_days': addWorkingCalendarDays,
}
