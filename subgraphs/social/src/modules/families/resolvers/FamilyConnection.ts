import type { FamilyConnectionResolvers } from '../../../__generated__/resolvers-types.js'
import type { Page } from '../../registry/queries/child.queries.js'
import type { FamilyRow } from '../queries/family.queries.js'
import { connection } from '../../registry/resolvers/ChildConnection.js'

export type FamilyConnectionParent = Page<FamilyRow>

export const FamilyConnection: FamilyConnectionResolvers = connection
