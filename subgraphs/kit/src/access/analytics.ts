import { createHmac } from 'node:crypto'
import type { RequestAccess } from './request.js'

/** Counts from 1 to 4 could single a child out: an analyst sees them as "<5". */
const SMALLEST_SHOWN = 5

/** A count as the caller may see it: exact for staff, suppressed for an analyst when 1–4. */
export function shownCount(access: RequestAccess, count: number) {
  return isSuppressed(access, count) ? { count: null, shown: `<${SMALLEST_SHOWN}` } : { count, shown: String(count) }
}

export function isSuppressed(access: RequestAccess, count: number) {
  return access.class === 'analyst' && count > 0 && count < SMALLEST_SHOWN
}

/**
 * Pseudonyms for depersonalised lists: the same child always gets the
 * same one, and only the subgraph that holds the secret can tell whose
 * it is (a keyed hash, not the id).
 */
export function createPseudonyms(secret: string) {
  return (childId: string) => createHmac('sha256', secret).update(childId).digest('base64url').slice(0, 22)
}
