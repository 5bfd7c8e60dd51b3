import type { Transaction } from 'kysely'
import { badUserInput, notFound } from '@hub/platform/errors'
import { requireText, requireUuid } from '@hub/subgraph-kit/validation'
import type { DB, RegistryStatus } from '../../../db/database.js'
import { lockChildById, updateChild, type ChildRow } from '../queries/child.queries.js'
import { insertStatusChange } from '../queries/registry_status_change.queries.js'

/**
 * The pathway of one child (DOMAIN.md): registry → referral → need
 * determination → programme → completion, leaving at any point; a child
 * found not in need, or consulted only, may be referred again later.
 */
export const TRANSITIONS: Readonly<Record<RegistryStatus, readonly RegistryStatus[]>> = {
  POTENTIALLY_IN_NEED: ['REFERRED', 'EXITED'],
  // Back to the registry when every referral was rejected.
  REFERRED: ['IN_NEED', 'NOT_IN_NEED', 'CONSULTATION_ONLY', 'POTENTIALLY_IN_NEED', 'EXITED'],
  IN_NEED: ['PROGRAMME_ACTIVE', 'EXITED'],
  NOT_IN_NEED: ['REFERRED', 'EXITED'],
  CONSULTATION_ONLY: ['REFERRED', 'EXITED'],
  PROGRAMME_ACTIVE: ['COMPLETED', 'EXITED'],
  COMPLETED: [],
  EXITED: [],
}

/** Moves a locked child to a new status along TRANSITIONS, keeping the step in its history. */
export async function moveRegistryStatus(
  trx: Transaction<DB>,
  child: ChildRow,
  status: RegistryStatus,
  reason: string,
  field = 'input.status',
) {
  const allowed = TRANSITIONS[child.registryStatus]
  if (!allowed.includes(status)) {
    throw badUserInput(
      field,
      'STATUS_TRANSITION',
      `a child in ${child.registryStatus} cannot move to ${status}; allowed: ${allowed.join(', ') || 'none (final status)'}`,
    )
  }
  await insertStatusChange(trx, { child_id: child.id, from_status: child.registryStatus, to_status: status, reason })
  return updateChild(trx, child.id, { registry_status: status })
}

export async function changeRegistryStatus(
  trx: Transaction<DB>,
  input: { childId: string; status: RegistryStatus; reason: string },
) {
  requireUuid('input.childId', input.childId)
  const reason = requireText('input.reason', input.reason)
  const child = await lockChildById(trx, input.childId)
  if (!child) throw notFound('input.childId', 'child', input.childId)
  return moveRegistryStatus(trx, child, input.status, reason)
}
