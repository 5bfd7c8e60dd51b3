import type { Transaction } from 'kysely'
import { conflict, notFound } from '@hub/platform/errors'
import { requireText, requireUuid } from '@hub/subgraph-kit/validation'
import type { DB } from '../../../db/database.js'
import { lockPossibleDuplicateById, updatePossibleDuplicate } from '../queries/possible_duplicate.queries.js'

export async function dismissPossibleDuplicate(
  trx: Transaction<DB>,
  input: { possibleDuplicateId: string; note: string },
) {
  requireUuid('input.possibleDuplicateId', input.possibleDuplicateId)
  const note = requireText('input.note', input.note)
  const duplicate = await lockPossibleDuplicateById(trx, input.possibleDuplicateId)
  if (!duplicate) throw notFound('input.possibleDuplicateId', 'possible duplicate', input.possibleDuplicateId)
  if (duplicate.status !== 'OPEN') {
    throw conflict('input.possibleDuplicateId', 'FINDING_RESOLVED', `already ${duplicate.status}`)
  }
  return updatePossibleDuplicate(trx, duplicate.id, {
    status: 'DISMISSED',
    resolved_at: new Date(),
    resolution_note: note,
  })
}
