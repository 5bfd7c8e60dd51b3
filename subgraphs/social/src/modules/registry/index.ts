import type { Resolvers } from '../../__generated__/resolvers-types.js'
import { Child } from './resolvers/Child.js'
import { ChildConnection } from './resolvers/ChildConnection.js'
import { ChildFindSignal } from './resolvers/ChildFindSignal.js'
import { ChildFindSignalConnection } from './resolvers/ChildFindSignalConnection.js'
import { Mutation } from './resolvers/Mutation.js'
import { PossibleDuplicate } from './resolvers/PossibleDuplicate.js'
import { Query } from './resolvers/Query.js'
import { RegistryImport } from './resolvers/RegistryImport.js'
import { TargetGroupCriterion } from './resolvers/TargetGroupCriterion.js'

/** The regional registry: children, their target-group criteria, registry status, possible duplicates, signals, imports
 * of a region's existing registry. */
export const registry: Resolvers = {
  Query,
  Mutation,
  Child,
  ChildConnection,
  TargetGroupCriterion,
  PossibleDuplicate,
  ChildFindSignal,
  ChildFindSignalConnection,
  RegistryImport,
}
