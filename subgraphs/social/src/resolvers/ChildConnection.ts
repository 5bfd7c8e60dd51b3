import type { ChildConnectionResolvers } from '../__generated__/resolvers-types.js'
import type { ChildRow } from '../db/queries/child.queries.js'

export interface ChildConnectionParent {
  totalCount: number
  children: ChildRow[]
  hasNextPage: boolean
}

// Cursors are opaque to clients; inside they are the last child's id.
export function encodeCursor(childId: string) {
  return Buffer.from(childId, 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string) {
  return Buffer.from(cursor, 'base64url').toString('utf8')
}

export const ChildConnection: ChildConnectionResolvers = {
  totalCount: (parent) => parent.totalCount,
  edges: (parent) => parent.children.map((child) => ({ cursor: encodeCursor(child.id), node: child })),
  pageInfo: (parent) => {
    const last = parent.children.at(-1)
    return { hasNextPage: parent.hasNextPage, endCursor: last ? encodeCursor(last.id) : null }
  },
}
