import { DateScalar } from '../../../kit/src/scalars.js'
import type { Resolvers } from '../__generated__/resolvers-types.js'
import { Child } from './Child.js'
import { ChildHealth } from './ChildHealth.js'

export const resolvers: Resolvers = {
  Date: DateScalar,
  Child,
  ChildHealth,
}
