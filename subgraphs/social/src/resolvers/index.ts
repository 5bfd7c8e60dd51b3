import { DateScalar, DateTimeScalar } from '@hub/platform/scalars'
import { ProviderStaffing, Specialist } from '@hub/side-contract/staffing/resolvers'
import type { Resolvers } from '../__generated__/resolvers-types.js'
import { GeoJSONGeometryScalar } from '../modules/providers/resolvers/GeoJSONGeometry.js'
import { Attachment } from './Attachment.js'
import { Child } from '../modules/registry/resolvers/Child.js'
import { RegistryCount } from '../modules/monitoring/resolvers/RegistryCount.js'
import { RegionalIndicators } from '../modules/monitoring/resolvers/RegionalIndicators.js'
import { ProviderCount } from '../modules/monitoring/resolvers/ProviderCount.js'
import { QuarterlyReport } from '../modules/monitoring/resolvers/QuarterlyReport.js'
import { Consent } from '../modules/families/resolvers/Consent.js'
import { DeadlineNotification } from '../modules/pathway/resolvers/DeadlineNotification.js'
import { NotificationPage } from '../modules/pathway/resolvers/NotificationPage.js'
import { ChildMerge } from '../modules/merges/resolvers/ChildMerge.js'
import { ChildConnection } from '../modules/registry/resolvers/ChildConnection.js'
import { ChildFindSignal } from '../modules/registry/resolvers/ChildFindSignal.js'
import { ChildFindSignalConnection } from '../modules/registry/resolvers/ChildFindSignalConnection.js'
import { IndicatorChildConnection } from '../modules/monitoring/resolvers/IndicatorChildConnection.js'
import { Family } from '../modules/families/resolvers/Family.js'
import { FamilyConnection } from '../modules/families/resolvers/FamilyConnection.js'
import { FamilyContact } from '../modules/families/resolvers/FamilyContact.js'
import { FamilyMember } from '../modules/families/resolvers/FamilyMember.js'
import { LegalRepresentative } from '../modules/families/resolvers/LegalRepresentative.js'
import { Municipality } from '../modules/providers/resolvers/Municipality.js'
import { Mutation } from './Mutation.js'
import { PossibleDuplicate } from '../modules/registry/resolvers/PossibleDuplicate.js'
import { Programme } from '../modules/pathway/resolvers/Programme.js'
import { ProgrammeExitsDue } from '../modules/pathway/resolvers/ProgrammeExitsDue.js'
import { ProgrammeLead } from '../modules/pathway/resolvers/ProgrammeLead.js'
import { StaffMember } from '../modules/pathway/resolvers/StaffMember.js'
import { Caseload } from '../modules/pathway/resolvers/Caseload.js'
import { ProgrammeReview } from '../modules/pathway/resolvers/ProgrammeReview.js'
import { ProgrammeService } from '../modules/pathway/resolvers/ProgrammeService.js'
import { Provider } from '../modules/providers/resolvers/Provider.js'
import { Query } from './Query.js'
import { Referral } from '../modules/pathway/resolvers/Referral.js'
import { ServiceType } from '../modules/providers/resolvers/ServiceType.js'
import { SocialSession } from '../modules/pathway/resolvers/SocialSession.js'
import { TargetGroupCriterion } from '../modules/registry/resolvers/TargetGroupCriterion.js'

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  GeoJSONGeometry: GeoJSONGeometryScalar,
  Query,
  Mutation,
  PossibleDuplicate,
  Referral,
  Child,
  RegistryCount,
  RegionalIndicators,
  ProviderCount,
  QuarterlyReport,
  Consent,
  DeadlineNotification,
  NotificationPage,
  Attachment,
  ChildConnection,
  ChildFindSignal,
  ChildFindSignalConnection,
  IndicatorChildConnection,
  ChildMerge,
  TargetGroupCriterion,
  Family,
  FamilyConnection,
  FamilyMember,
  FamilyContact,
  LegalRepresentative,
  Municipality,
  Provider,
  ServiceType,
  ProviderStaffing,
  Specialist,
  Programme,
  ProgrammeExitsDue,
  ProgrammeLead,
  StaffMember,
  Caseload,
  ProgrammeService,
  ProgrammeReview,
  SocialSession,
}
