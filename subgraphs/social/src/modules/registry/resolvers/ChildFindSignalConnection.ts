import type { ChildFindSignalConnectionResolvers } from '../../../__generated__/resolvers-types.js'
import type { ChildFindSignalRow } from '../queries/child_find_signal.queries.js'
import type { Page } from '../queries/child.queries.js'
import { connection } from './ChildConnection.js'

export type ChildFindSignalConnectionParent = Page<ChildFindSignalRow>

export const ChildFindSignalConnection: ChildFindSignalConnectionResolvers = connection
