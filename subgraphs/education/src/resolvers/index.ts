import { DateScalar, DateTimeScalar } from '@hub/platform/scalars'
import { ProviderStaffing, Specialist } from '@hub/side-contract/staffing/resolvers'
import type { Resolvers } from '../__generated__/resolvers-types.js'
import { Attachment } from './Attachment.js'
import { Child } from './Child.js'
import { ChildEducation } from './ChildEducation.js'
import { EarlyHelpUnit } from './EarlyHelpUnit.js'
import { EducationSession } from './EducationSession.js'
import { Kindergarten } from './Kindergarten.js'
import { Mutation } from './Mutation.js'
import { PreschoolApplication } from './PreschoolApplication.js'
import { ProgrammeExitsDue } from './ProgrammeExitsDue.js'
import { ProgrammeService } from './ProgrammeService.js'
import { Provider } from './Provider.js'
import { RegionalIndicators } from './RegionalIndicators.js'
import { Query } from './Query.js'
import { PmpkConclusion } from './PmpkConclusion.js'

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Child,
  Provider,
  RegionalIndicators,
  ChildEducation,
  PreschoolApplication,
  Kindergarten,
  EarlyHelpUnit,
  EducationSession,
  ProgrammeExitsDue,
  ProgrammeService,
  ProviderStaffing,
  Specialist,
  PmpkConclusion,
  Attachment,
}
