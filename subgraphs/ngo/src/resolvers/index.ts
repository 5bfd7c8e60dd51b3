import { DateScalar } from '../../../kit/src/scalars.js'
import type { Resolvers } from '../__generated__/resolvers-types.js'
import { Child } from './Child.js'
import { ChildNgo } from './ChildNgo.js'
import { NgoSession } from './NgoSession.js'
import { ParentGroup } from './ParentGroup.js'
import { ParentGroupParticipation } from './ParentGroupParticipation.js'

export const resolvers: Resolvers = {
  Date: DateScalar,
  Child,
  ChildNgo,
  NgoSession,
  ParentGroup,
  ParentGroupParticipation,
}
