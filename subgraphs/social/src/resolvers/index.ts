import { DateScalar, DateTimeScalar } from '@hub/platform/scalars'
import { ProviderStaffing, Specialist } from '@hub/side-contract/staffing/resolvers'
import type { Resolvers } from '../__generated__/resolvers-types.js'
import { GeoJSONGeometryScalar } from './GeoJSONGeometry.js'
import { Attachment } from './Attachment.js'
import { Child } from './Child.js'
import { RegistryCount } from './RegistryCount.js'
import { RegionalIndicators } from './RegionalIndicators.js'
import { ProviderCount } from './ProviderCount.js'
import { QuarterlyReport } from './QuarterlyReport.js'
import { Consent } from './Consent.js'
import { DeadlineNotification } from './DeadlineNotification.js'
import { NotificationPage } from './NotificationPage.js'
import { ChildMerge } from './ChildMerge.js'
import { ChildConnection } from './ChildConnection.js'
import { ChildFindSignal } from './ChildFindSignal.js'
import { ChildFindSignalConnection } from './ChildFindSignalConnection.js'
import { IndicatorChildConnection } from './IndicatorChildConnection.js'
import { Family } from './Family.js'
import { FamilyConnection } from './FamilyConnection.js'
import { FamilyContact } from './FamilyContact.js'
import { FamilyMember } from './FamilyMember.js'
import { LegalRepresentative } from './LegalRepresentative.js'
import { Municipality } from './Municipality.js'
import { Mutation } from './Mutation.js'
import { PossibleDuplicate } from './PossibleDuplicate.js'
import { Programme } from './Programme.js'
import { ProgrammeExitsDue } from './ProgrammeExitsDue.js'
import { ProgrammeLead } from './ProgrammeLead.js'
import { StaffMember } from './StaffMember.js'
import { Caseload } from './Caseload.js'
import { ProgrammeReview } from './ProgrammeReview.js'
import { ProgrammeService } from './ProgrammeService.js'
import { Provider } from './Provider.js'
import { Query } from './Query.js'
import { Referral } from './Referral.js'
import { ServiceType } from './ServiceType.js'
import { SocialSession } from './SocialSession.js'
import { TargetGroupCriterion } from './TargetGroupCriterion.js'

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
