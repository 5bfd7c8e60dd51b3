import { badUserInput } from '@hub/platform/errors'
import { isUuid } from './loaders.js'

/** The most rows one page of a list of children may hold. */
export const MAX_PAGE_SIZE = 1000

/** The rows a page asks for (`first`), 50 unless it says: from 1 to `MAX_PAGE_SIZE`. */
export function requirePageSize(first: number | null | undefined) {
  const size = first ?? 50
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput('first', 'NUMBER_RANGE', `must be between 1 and ${MAX_PAGE_SIZE}`, {
      min: 1,
      max: MAX_PAGE_SIZE,
    })
  }
  return size
}

// Cursors are opaque to clients; inside they are the last child's id.
export function encodeCursor(childId: string) {
  return Buffer.from(childId, 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string) {
  return Buffer.from(cursor, 'base64url').toString('utf8')
}

/** The child a page starts after, from the `after` cursor of the page before; none for the first page. */
export function requireAfterId(after: string | null | undefined) {
  if (!after) return undefined
  const afterId = decodeCursor(after)
  if (!isUuid(afterId)) throw badUserInput('after', 'PAGE_CURSOR', 'must be an endCursor returned by a previous page')
  return afterId
}

/** The page info of a connection of children, its cursor the last child's id. */
export function pageInfoOf(lastId: string | undefined, hasNextPage: boolean) {
  return { hasNextPage, endCursor: lastId === undefined ? null : encodeCursor(lastId) }
}

/**
 * One page of children known by id, in id order (the order the registry pages in, so a cursor means the same in
 * both): the `first` after `afterId`, how many there are in all, and whether more follow.
 */
export function pageOfIds(ids: readonly string[], first: number, afterId: string | undefined) {
  const ordered = [...new Set(ids)].sort()
  const rest = afterId === undefined ? ordered : ordered.filter((id) => id > afterId)
  return { totalCount: ordered.length, ids: rest.slice(0, first), hasNextPage: rest.length > first }
}
