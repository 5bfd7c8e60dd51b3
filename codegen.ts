/**
 * What graphql-codegen generates: resolver types per subgraph (federation
 * mode, database rows as parent types), typed documents for the public
 * operations and, for the services' metrics, their names alone, and the
 * screens' Russian labels of every enum value from the schema's descriptions.
 * Run by `npm run codegen` (scripts/codegen.ts).
 */
import type { SubgraphName } from '@hub/platform/sides'

type Mappers = Record<string, string>

export interface CodegenTarget {
  /** A subgraph's SDL (its generated schema.graphql: its own part with the shared fragments it lists), or the committed supergraph (its API schema). */
  schema: { subgraph: SubgraphName } | { supergraph: string }
  documents?: string
  plugins: string[]
  config: Record<string, unknown>
}

const scalars = {
  Date: 'string',
  DateTime: 'Date | string',
  GeoJSONGeometry:
    "{ type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }",
}

/** The staffing types every subgraph defines from the side contract's SDL fragment, resolved by its code. */
const staffingMappers: Mappers = {
  AccessAuditEntry: '@hub/subgraph-kit/access/audit#AuditEntryRow',
  ProviderStaffing: '@hub/side-contract/staffing/resolvers#ProviderStaffingParent',
  Specialist: '@hub/side-contract/staffing/specialist.queries#SpecialistRow',
  SpecialistTraining: '@hub/side-contract/staffing/specialist_training.queries#SpecialistTrainingRow',
  StaffingIndicators: '@hub/side-contract/staffing/database#StaffingFigures',
}

/** The signed scans of the sides that keep them (social, education), resolved by the subgraph kit's code. */
const attachmentMappers: Mappers = {
  Attachment: '@hub/subgraph-kit/attachments/attachment.queries#AttachmentRow',
  AttachmentContent: '@hub/subgraph-kit/attachments/attachments#AttachmentContentParent',
}

/** The monitoring indicators as a side subgraph sees them: the id and, through `@requires`, period and providers. */
const indicatorsReference = '@hub/side-contract/staffing/indicators#IndicatorsReference'

/** A row of the child-find signal outbox of health and education. */
const signalOutboxRow = '@hub/side-contract/signals/signal_outbox.queries#SignalOutboxRow'

/** A provider of social's registry as a side subgraph sees it (the other three subgraphs). */
const providerReference = '@hub/side-contract/staffing/resolvers#ProviderReference'

function subgraphResolvers(name: SubgraphName, mappers: Mappers): CodegenTarget {
  return {
    schema: { subgraph: name },
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useTypeImports: true,
      enumsAsTypes: true,
      avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      contextType: '../context.js#Context',
      mappers: { ...staffingMappers, ...mappers },
      scalars,
    },
  }
}

const config: { generates: Record<string, CodegenTarget> } = {
  generates: {
    'subgraphs/social/src/__generated__/resolvers-types.ts': subgraphResolvers('social', {
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
    }),
    'subgraphs/health/src/__generated__/resolvers-types.ts': subgraphResolvers('health', {
      ChildHealth: '../resolvers/ChildHealth.js#ChildHealthParent',
      HealthGroupAssessment: '../db/queries/health_group_assessment.queries.js#HealthGroupAssessmentRow',
      DetectionEvent: '../db/queries/detection_event.queries.js#DetectionEventRow',
      Diagnosis: '../db/queries/diagnosis.queries.js#DiagnosisRow',
      RiskFactor: '../db/queries/risk_factor.queries.js#RiskFactorRow',
      Icd10Code: '../db/queries/icd10_code.queries.js#Icd10CodeRow',
      DispensaryObservation: '../db/queries/dispensary_observation.queries.js#DispensaryObservationRow',
      RehabilitationEpisode: '../db/queries/rehabilitation_episode.queries.js#RehabilitationEpisodeRow',
      RehabilitationSession: '../db/queries/rehabilitation_session.queries.js#RehabilitationSessionRow',
      UndeliveredChildFindSignal: signalOutboxRow,
      ProgrammeService: '../resolvers/ProgrammeService.js#ProgrammeServiceParent',
      Provider: providerReference,
      RegionalIndicators: indicatorsReference,
    }),
    'subgraphs/education/src/__generated__/resolvers-types.ts': subgraphResolvers('education', {
      ...attachmentMappers,
      Child: '../resolvers/Child.js#ChildReference',
      ChildEducation: '../resolvers/ChildEducation.js#ChildEducationParent',
      PmpkConclusion: '../db/queries/pmpk_conclusion.queries.js#PmpkConclusionRow',
      PreschoolApplication: '../db/queries/preschool_application.queries.js#PreschoolApplicationRow',
      Kindergarten: '../db/queries/kindergarten.queries.js#KindergartenRow',
      EarlyHelpUnit: '../db/queries/early_help_unit.queries.js#EarlyHelpUnitRow',
      EducationSession: '../db/queries/education_session.queries.js#EducationSessionRow',
      ProgrammeService: '../resolvers/ProgrammeService.js#ProgrammeServiceParent',
      Provider: providerReference,
      RegionalIndicators: '../resolvers/RegionalIndicators.js#EducationIndicatorsReference',
      ProgrammeExitsDue: '../resolvers/ProgrammeExitsDue.js#ProgrammeExitsDueReference',
      UndeliveredChildFindSignal: signalOutboxRow,
    }),
    'subgraphs/ngo/src/__generated__/resolvers-types.ts': subgraphResolvers('ngo', {
      ChildNgo: '../resolvers/ChildNgo.js#ChildNgoParent',
      NgoSession: '../db/queries/ngo_session.queries.js#NgoSessionRow',
      ParentGroup: '../db/queries/parent_group.queries.js#ParentGroupRow',
      ParentGroupParticipation: '../db/queries/parent_group_participation.queries.js#ParentGroupParticipationRow',
      ParentGroupMeeting: '../db/queries/parent_group_meeting.queries.js#ParentGroupMeetingRow',
      ProgrammeService: '../resolvers/ProgrammeService.js#ProgrammeServiceParent',
      Provider: providerReference,
      RegionalIndicators: indicatorsReference,
      Volunteer: '../db/queries/volunteer.queries.js#VolunteerRow',
      VolunteerHours: '../db/queries/volunteer_hours.queries.js#VolunteerHoursRow',
    }),
    'schema/__generated__/operations.ts': {
      schema: { supergraph: 'schema/supergraph.graphql' },
      documents: 'schema/operations',
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { useTypeImports: true, enumsAsTypes: true, scalars },
    },
    // The operations' names alone, for every service's metrics: the platform package keeps to its own folder.
    'packages/platform/src/__generated__/operation-names.ts': {
      schema: { supergraph: 'schema/supergraph.graphql' },
      documents: 'schema/operations',
      plugins: ['operation-names'],
      config: {},
    },
    // One source for the labels screens show: a value without a Russian description fails the generation.
    'dashboard/src/shared/__generated__/enum-labels.ts': {
      schema: { supergraph: 'schema/supergraph.graphql' },
      plugins: ['enum-labels'],
      config: {},
    },
  },
}

export default config
