import { encodeCursor } from '@hub/subgraph-kit/paging'
import type { IndicatorChildConnectionResolvers } from '../../../__generated__/resolvers-types.js'
import { connection, type ChildConnectionParent } from '../../registry/resolvers/ChildConnection.js'

/** A page of the children behind a figure, with the keys of the figure each is counted under. */
export interface IndicatorChildConnectionParent extends ChildConnectionParent {
  keys: ReadonlyMap<string, readonly string[]>
}

export const IndicatorChildConnection: IndicatorChildConnectionResolvers = {
  edges: (parent) =>
    parent.rows.map((child) => ({
      cursor: encodeCursor(child.id),
      node: child,
      keys: [...(parent.keys.get(child.id) ?? [])],
    })),
  pageInfo: connection.pageInfo,
}
