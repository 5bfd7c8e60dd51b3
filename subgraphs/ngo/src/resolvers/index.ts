import { DateScalar } from '@hub/platform/scalars'
import { ProviderStaffing, Specialist } from '@hub/side-contract/staffing/resolvers'
import type { Resolvers } from '../__generated__/resolvers-types.js'
import { Child } from './Child.js'
import { ChildNgo } from './ChildNgo.js'
import { Mutation } from './Mutation.js'
import { NgoSession } from './NgoSession.js'
import { ParentGroup } from './ParentGroup.js'
import { ParentGroupMeeting } from './ParentGroupMeeting.js'
import { ParentGroupParticipation } from './ParentGroupParticipation.js'
import { ProgrammeService } from './ProgrammeService.js'
import { Provider } from './Provider.js'
import { RegionalIndicators } from './RegionalIndicators.js'
import { Query } from './Query.js'
import { Volunteer } from './Volunteer.js'
import { VolunteerHours } from './VolunteerHours.js'

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  Mutation,
  Child,
  ChildNgo,
  NgoSession,
  ParentGroup,
  ParentGroupMeeting,
  ParentGroupParticipation,
  Provider,
  RegionalIndicators,
  ProgrammeService,
  Volunteer,
  VolunteerHours,
  ProviderStaffing,
  Specialist,
}
