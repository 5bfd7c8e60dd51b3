import { recordSocialEvent } from '../../../events.js'
import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import { followChildMerge } from '@hub/side-contract/child-merge'
import { badUserInput, conflict, hubError, notFound } from '@hub/platform/errors'
import { requireText, requireUuid } from '@hub/subgraph-kit/validation'
import type { DB, MergeSide, RegistryStatus } from '../../../db/database.js'
import { lockChildById, updateChild, type ChildRow } from '../../registry/queries/child.queries.js'
import {
  findMergeInForceOfMergedChild,
  insertChildMerge,
  insertDeliveries,
  lockChildMergeById,
  updateChildMerge,
} from '../queries/child_merge.queries.js'
import {
  lockPossibleDuplicateById,
  updatePossibleDuplicate,
} from '../../registry/queries/possible_duplicate.queries.js'
import { findLatestProgrammeVersion } from '../../pathway/queries/programme.queries.js'
import { formatSnils } from '../../../identifiers.js'

/** The subgraphs that hold records of a child besides the registry, each told of every merge and undo. */
export const MERGE_SIDES: readonly MergeSide[] = ['HEALTH', 'EDUCATION', 'NGO']

/**
 * The registry's status history, its possible-duplicate findings and
 * what each imported row of a registry file became describe a record,
 * not the child: they stay with the record they were written for, and
 * the merged record keeps pointing at its survivor.
 */
const RECORD_HISTORY_TABLES = ['registry_status_change', 'possible_duplicate', 'registry_import_row']

// How far along the pathway a status is: the surviving record is the one further along.
const PATHWAY_STAGE: Readonly<Record<RegistryStatus, number>> = {
  POTENTIALLY_IN_NEED: 0,
  REFERRED: 1,
  IN_NEED: 2,
  NOT_IN_NEED: 2,
  CONSULTATION_ONLY: 2,
  PROGRAMME_ACTIVE: 3,
  COMPLETED: 4,
  EXITED: 4,
}

export interface MergeChildrenInput {
  survivorId: string
  mergedId: string
  reason: string
  possibleDuplicateId?: string | null
}

/** Locks both records in id order, so that two merges of the same pair cannot wait for each other. */
async function lockPair(trx: Transaction<DB>, survivorId: string, mergedId: string) {
  const locked = new Map<string, ChildRow | undefined>()
  for (const id of [survivorId, mergedId].sort()) locked.set(id, await lockChildById(trx, id))
  const survivor = locked.get(survivorId)
  const merged = locked.get(mergedId)
  if (!survivor) throw notFound('input.survivorId', 'child', survivorId)
  if (!merged) throw notFound('input.mergedId', 'child', mergedId)
  return { survivor, merged }
}

function requireMergeable(survivor: ChildRow, merged: ChildRow) {
  if (survivor.mergedIntoId) {
    throw conflict(
      'input.survivorId',
      'RECORD_MERGED',
      `this record was itself merged into child ${survivor.mergedIntoId}`,
    )
  }
  if (merged.mergedIntoId)
    throw conflict('input.mergedId', 'RECORD_MERGED', `already merged into child ${merged.mergedIntoId}`)
  if (survivor.birthDate !== merged.birthDate) {
    throw badUserInput(
      'input.mergedId',
      'MERGE_BIRTH_DATES',
      'the two records must have the same birth date to describe one child',
    )
  }
  if (survivor.snils && merged.snils && survivor.snils !== merged.snils) {
    throw badUserInput(
      'input.mergedId',
      'MERGE_SNILS',
      `the records have different СНИЛС (${formatSnils(survivor.snils)} / ${formatSnils(merged.snils)}): they are two children`,
    )
  }
  if (PATHWAY_STAGE[merged.registryStatus] > PATHWAY_STAGE[survivor.registryStatus]) {
    throw badUserInput(
      'input.survivorId',
      'MERGE_ORDER',
      `the surviving record must be the one further along the pathway (survivor ${survivor.registryStatus}, merged ${merged.registryStatus}); swap them`,
    )
  }
}

/**
 * Merges two registry records of one child, in social's database, in one
 * transaction: social's own references move to the survivor and the
 * merge is queued for the other three subgraphs, whose delivery
 * (services/merge-delivery.ts) retries until each confirms.
 */
export async function mergeChildren(trx: Transaction<DB>, input: MergeChildrenInput) {
  requireUuid('input.survivorId', input.survivorId)
  requireUuid('input.mergedId', input.mergedId)
  if (input.survivorId === input.mergedId)
    throw badUserInput('input.mergedId', 'MERGE_SAME_RECORD', 'must differ from input.survivorId')
  const reason = requireText('input.reason', input.reason)
  if (input.possibleDuplicateId) requireUuid('input.possibleDuplicateId', input.possibleDuplicateId)

  const { survivor, merged } = await lockPair(trx, input.survivorId, input.mergedId)
  requireMergeable(survivor, merged)
  if (input.possibleDuplicateId) {
    const finding = await lockPossibleDuplicateById(trx, input.possibleDuplicateId)
    if (!finding) throw notFound('input.possibleDuplicateId', 'possible duplicate', input.possibleDuplicateId)
    const pair = [finding.childId, finding.candidateChildId]
    if (!pair.includes(survivor.id) || !pair.includes(merged.id)) {
      throw badUserInput(
        'input.possibleDuplicateId',
        'MERGE_FINDING_MISMATCH',
        'must be the finding about these two records',
      )
    }
    if (finding.status !== 'OPEN')
      throw conflict('input.possibleDuplicateId', 'FINDING_RESOLVED', `already ${finding.status}`)
    await updatePossibleDuplicate(trx, finding.id, {
      status: 'MERGED',
      resolved_at: new Date(),
      resolution_note: reason,
    })
  }
  if (
    (await findLatestProgrammeVersion(trx, survivor.id)) > 0 &&
    (await findLatestProgrammeVersion(trx, merged.id)) > 0
  ) {
    throw conflict(
      'input.mergedId',
      'MERGE_BOTH_PROGRAMMES',
      'both records have an ИПРП; an ИПРП is versioned per child, so close and keep one record’s programme history before merging',
    )
  }

  const mergeId = randomUUID()
  await followChildMerge(
    trx,
    { mergeId, survivorId: survivor.id, mergedId: merged.id, action: 'APPLY' },
    { excludedTables: RECORD_HISTORY_TABLES },
  )
  const movedSnils = merged.snils && !survivor.snils ? merged.snils : null
  await updateChild(trx, merged.id, { merged_into_id: survivor.id, ...(movedSnils ? { snils: null } : {}) })
  if (movedSnils) await updateChild(trx, survivor.id, { snils: movedSnils })
  const merge = await insertChildMerge(trx, {
    id: mergeId,
    survivor_id: survivor.id,
    merged_id: merged.id,
    possible_duplicate_id: input.possibleDuplicateId ?? null,
    reason,
    moved_snils: movedSnils,
  })
  await insertDeliveries(
    trx,
    MERGE_SIDES.map((side) => ({ merge_id: mergeId, side, action: 'APPLY' as const })),
  )
  await recordSocialEvent(trx, 'child.merged', {
    mergeId,
    survivorId: input.survivorId,
    mergedId: input.mergedId,
  })
  return merge
}

/**
 * Undoes a merge: exactly the rows the merge moved return to the merged
 * record, in social now and in the other subgraphs through the same
 * delivery; what was recorded for the survivor since stays with it.
 */
export async function undoChildMerge(trx: Transaction<DB>, input: { mergeId: string; reason: string }) {
  requireUuid('input.mergeId', input.mergeId)
  const reason = requireText('input.reason', input.reason)
  const merge = await lockChildMergeById(trx, input.mergeId)
  if (!merge) throw notFound('input.mergeId', 'merge', input.mergeId)
  if (merge.undoneAt) throw conflict('input.mergeId', 'MERGE_UNDONE', 'this merge is already undone')
  const { survivor } = await lockPair(trx, merge.survivorId, merge.mergedId)
  const later = await findMergeInForceOfMergedChild(trx, survivor.id)
  if (later) {
    throw hubError(
      'CONFLICT',
      'MERGE_LATER_FIRST',
      `input.mergeId: the survivor was later merged into child ${later.survivorId}; undo merge ${later.id} first`,
      {
        field: 'input.mergeId',
        mergeId: later.id,
      },
    )
  }
  await followChildMerge(trx, {
    mergeId: merge.id,
    survivorId: merge.survivorId,
    mergedId: merge.mergedId,
    action: 'UNDO',
  })
  if (merge.movedSnils) await updateChild(trx, survivor.id, { snils: null })
  await updateChild(trx, merge.mergedId, {
    merged_into_id: null,
    ...(merge.movedSnils ? { snils: merge.movedSnils } : {}),
  })
  await insertDeliveries(
    trx,
    MERGE_SIDES.map((side) => ({ merge_id: merge.id, side, action: 'UNDO' as const })),
  )
  await recordSocialEvent(trx, 'child.merge_undone', {
    mergeId: merge.id,
    survivorId: merge.survivorId,
    mergedId: merge.mergedId,
  })
  return updateChildMerge(trx, merge.id, { undone_at: new Date(), undo_reason: reason })
}
