import { encodeCursor, pageInfoOf } from '@hub/subgraph-kit/paging'
import type { ChildConnectionResolvers } from '../../../__generated__/resolvers-types.js'
import type { ChildRow, Page } from '../queries/child.queries.js'

export type ChildConnectionParent = Page<ChildRow>

/** The fields of a connection (the registry's, the families') over a page of rows in id order. */
export const connection = {
  totalCount: <Row>(page: Page<Row>) => page.totalCount,
  edges: <Row extends { id: string }>(page: Page<Row>) =>
    page.rows.map((node) => ({ cursor: encodeCursor(node.id), node })),
  pageInfo: <Row extends { id: string }>(page: Page<Row>) => pageInfoOf(page.rows.at(-1)?.id, page.hasNextPage),
}

export const ChildConnection: ChildConnectionResolvers = connection
