import type { FamilyConnectionResolvers } from '../__generated__/resolvers-types.js'
import type { Page } from '../db/queries/child.queries.js'
import type { FamilyRow } from '../db/queries/family.queries.js'
import { connection } from './ChildConnection.js'

export type FamilyConnectionParent = Page<FamilyRow>

export const FamilyConnection: FamilyConnectionResolvers = connection
