import { encodeCursor, pageInfoOf } from '../../../kit/src/paging.js'
import type { ChildConnectionResolvers } from '../__generated__/resolvers-types.js'
import type { ChildRow } from '../db/queries/child.queries.js'

export interface ChildConnectionParent {
  totalCount: number
  children: ChildRow[]
  hasNextPage: boolean
}

export const ChildConnection: ChildConnectionResolvers = {
  totalCount: (parent) => parent.totalCount,
  edges: (parent) => parent.children.map((child) => ({ cursor: encodeCursor(child.id), node: child })),
  pageInfo: (parent) => pageInfoOf(parent.children.at(-1)?.id, parent.hasNextPage),
}
