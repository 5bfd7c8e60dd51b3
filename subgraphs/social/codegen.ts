import { staffingMappers } from '@hub/side-contract/codegen/mappers'
import {
  accessMappers,
  attachmentMappers,
  runSubgraphCodegen,
  type SubgraphCodegen,
} from '@hub/subgraph-kit/codegen/subgraph'

/**
 * Social's codegen entry: the parent type of each GraphQL type its modules resolve (a row of their queries, or what a
 * resolver hands on), after those of the shared fragments its package.json lists; and its own scalar.
 */
const social: SubgraphCodegen = {
  name: 'social',
  folder: import.meta.dirname,
  mappers: {
    ...accessMappers,
    ...staffingMappers,
    ...attachmentMappers,
    Child: '../modules/registry/queries/child.queries.js#ChildRow',
    Consent: '../modules/families/queries/consent.queries.js#ConsentRow',
    RegistryCount: '../modules/monitoring/resolvers/RegistryCount.js#RegistryCountParent',
    RegionalIndicators: '../modules/monitoring/services/indicators.js#IndicatorsParent',
    IndicatorCount: '../modules/monitoring/services/indicators.js#IndicatorCountValue',
    ProviderCount: '../modules/monitoring/services/indicators.js#ProviderCountValue',
    QuarterlyReport: '../modules/monitoring/queries/quarterly_report.queries.js#QuarterlyReportRow',
    ChildAccessGrant: '../modules/families/resolvers/Query.js#ChildAccessGrantParent',
    TargetGroupCriterion: '../modules/registry/queries/child_criterion.queries.js#ChildCriterionRow',
    Family: '../modules/families/queries/family.queries.js#FamilyParent',
    LegalRepresentative: '../modules/families/queries/family.queries.js#LegalRepresentativeRow',
    FamilyMember: '../modules/families/queries/family.queries.js#FamilyMemberRow',
    FamilyContact: '../modules/families/queries/family.queries.js#FamilyContactRow',
    FamilySituation: '../modules/families/queries/family.queries.js#FamilySituationRow',
    Municipality: '../modules/providers/queries/municipality.queries.js#MunicipalityRow',
    Provider: '../modules/providers/queries/provider.queries.js#ProviderRow',
    ServiceType: '../modules/providers/queries/service_type.queries.js#ServiceTypeRow',
    ServiceTypeVersion: '../modules/providers/queries/service_type.queries.js#ServiceTypeVersionRow',
    ChildConnection: '../modules/registry/resolvers/ChildConnection.js#ChildConnectionParent',
    ProgrammeExitsDue: '../modules/pathway/resolvers/ProgrammeExitsDue.js#ProgrammeExitsDueParent',
    ProgrammeExitDue: '../modules/pathway/resolvers/ProgrammeExitsDue.js#ProgrammeExitDueParent',
    FamilyConnection: '../modules/families/resolvers/FamilyConnection.js#FamilyConnectionParent',
    IndicatorChildConnection:
      '../modules/monitoring/resolvers/IndicatorChildConnection.js#IndicatorChildConnectionParent',
    ExpiredCriteriaPage: '../modules/monitoring/queries/work_queue.queries.js#ExpiredCriteriaPageParent',
    ProgrammeDraftsPage: '../modules/monitoring/queries/work_queue.queries.js#ProgrammeDraftsPageParent',
    ConsentAttentionPage: '../modules/monitoring/queries/work_queue.queries.js#ConsentAttentionPageParent',
    DeadlineNotification: '../modules/pathway/queries/deadline_notification.queries.js#DeadlineNotificationRow',
    NotificationPage: '../modules/pathway/services/notifications.js#NotificationPageParent',
    NotificationSettings: '../modules/pathway/services/notifications.js#NotificationSettingsParent',
    RegistryStatusChange: '../modules/registry/queries/registry_status_change.queries.js#RegistryStatusChangeRow',
    PossibleDuplicate: '../modules/registry/queries/possible_duplicate.queries.js#PossibleDuplicateRow',
    RegistryImport: '../modules/registry/queries/registry_import.queries.js#RegistryImportRow',
    Referral: '../modules/pathway/queries/referral.queries.js#ReferralRow',
    ClockPause: '../modules/pathway/queries/referral.queries.js#ReferralPauseRow',
    DeadlineClockSetting: '../modules/pathway/queries/deadline_clock.queries.js#DeadlineClockRow',
    Programme: '../modules/pathway/queries/programme.queries.js#ProgrammeRow',
    ProgrammeGoal: '../modules/pathway/queries/programme.queries.js#ProgrammeGoalRow',
    ProgrammeService: '../modules/pathway/queries/programme.queries.js#ProgrammeServiceRow',
    ProgrammeReview: '../modules/pathway/queries/programme_review.queries.js#ProgrammeReviewRow',
    FunctioningRating: '../modules/pathway/queries/programme_review.queries.js#ProgrammeReviewRatingRow',
    ChildMerge: '../modules/merges/queries/child_merge.queries.js#ChildMergeRow',
    ChildMergeDelivery: '../modules/merges/queries/child_merge.queries.js#ChildMergeDeliveryRow',
    SocialSession: '../modules/pathway/queries/social_session.queries.js#SocialSessionRow',
    ProgrammeLead: '../modules/pathway/queries/programme_lead.queries.js#ProgrammeLeadRow',
    StaffMember: '../modules/pathway/queries/staff_member.queries.js#StaffMemberRow',
    Caseload: '../modules/pathway/services/programme-leads.js#CaseloadCounts',
    ChildFindSignal: '../modules/registry/queries/child_find_signal.queries.js#ChildFindSignalRow',
    ChildFindSignalConnection:
      '../modules/registry/resolvers/ChildFindSignalConnection.js#ChildFindSignalConnectionParent',
  },
  scalars: {
    GeoJSONGeometry:
      "{ type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }",
  },
}

export default social

// `npm run codegen [-- --check]` in this folder.
if (process.argv[1] === import.meta.filename) await runSubgraphCodegen(social, process.argv.includes('--check'))
