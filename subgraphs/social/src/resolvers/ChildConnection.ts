import type { ChildConnectionResolvers } from '../__generated__/resolvers-types.js'
import type { ChildRow, Page } from '../db/queries/child.queries.js'

export type ChildConnectionParent = Page<ChildRow>

// Cursors are opaque to clients; inside they are the last row's id.
export function encodeCursor(id: string) {
  return Buffer.from(id, 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string) {
  return Buffer.from(cursor, 'base64url').toString('utf8')
}

/** The fields of a connection (the registry's, the families') over a page of rows in id order. */
export const connection = {
  totalCount: <Row>(page: Page<Row>) => page.totalCount,
  edges: <Row extends { id: string }>(page: Page<Row>) =>
    page.rows.map((node) => ({ cursor: encodeCursor(node.id), node })),
  pageInfo: <Row extends { id: string }>(page: Page<Row>) => {
    const last = page.rows.at(-1)
    return { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor(last.id) : null }
  },
}

export const ChildConnection: ChildConnectionResolvers = connection
