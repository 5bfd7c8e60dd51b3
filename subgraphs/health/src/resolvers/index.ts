import { DateScalar } from '@hub/platform/scalars'
import { ProviderStaffing, Specialist } from '@hub/side-contract/staffing/resolvers'
import type { Resolvers } from '../__generated__/resolvers-types.js'
import { Child } from './Child.js'
import { ChildHealth } from './ChildHealth.js'
import { Mutation } from './Mutation.js'
import { ProgrammeService } from './ProgrammeService.js'
import { Provider } from './Provider.js'
import { RegionalIndicators } from './RegionalIndicators.js'
import { Query } from './Query.js'
import { RehabilitationEpisode } from './RehabilitationEpisode.js'
import { RehabilitationSession } from './RehabilitationSession.js'

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query,
  Mutation,
  Child,
  Provider,
  RegionalIndicators,
  ChildHealth,
  RehabilitationEpisode,
  RehabilitationSession,
  ProgrammeService,
  ProviderStaffing,
  Specialist,
}
