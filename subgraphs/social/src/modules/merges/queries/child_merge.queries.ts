import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { ChildMergeDeliveryTable, ChildMergeTable, DB, MergeSide } from '../../../db/database.js'

export type ChildMergeRow = Awaited<ReturnType<typeof findChildMergesByIds>>[number]
export type ChildMergeDeliveryRow = Awaited<ReturnType<typeof findDeliveriesByMergeIds>>[number]

export function findChildMergesByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('child_merge').select(columns.childMerge).where('child_merge.id', '=', anyUuid(ids)).execute()
}

/** Merges a child took part in, as survivor or as merged record, once under each of the two ids, newest first. */
export function findChildMergesByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('child_merge')
    .select([...columns.childMerge, 'child_merge.survivor_id as childId'])
    .where('child_merge.survivor_id', '=', anyUuid(childIds))
    .unionAll(
      db
        .selectFrom('child_merge')
        .select([...columns.childMerge, 'child_merge.merged_id as childId'])
        .where('child_merge.merged_id', '=', anyUuid(childIds)),
    )
    .orderBy('mergedAt', 'desc')
    .orderBy('id')
    .execute()
}

export function lockChildMergeById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('child_merge')
    .select(columns.childMerge)
    .where('child_merge.id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

/** The merge in force that folded this record into another, if any. */
export function findMergeInForceOfMergedChild(db: Kysely<DB>, mergedId: string) {
  return db
    .selectFrom('child_merge')
    .select(columns.childMerge)
    .where('child_merge.merged_id', '=', mergedId)
    .where('child_merge.undone_at', 'is', null)
    .executeTakeFirst()
}

export function insertChildMerge(db: Kysely<DB>, row: Insertable<ChildMergeTable>) {
  return db.insertInto('child_merge').values(row).returning(columns.childMerge).executeTakeFirstOrThrow()
}

export function updateChildMerge(db: Kysely<DB>, id: string, changes: Updateable<ChildMergeTable>) {
  return db
    .updateTable('child_merge')
    .set(changes)
    .where('child_merge.id', '=', id)
    .returning(columns.childMerge)
    .executeTakeFirstOrThrow()
}

/** Merges with a step some subgraph has not yet confirmed, oldest first. */
export function listMergesPendingDelivery(db: Kysely<DB>) {
  return db
    .selectFrom('child_merge')
    .select(columns.childMerge)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('child_merge_delivery')
          .select(sql.lit(1).as('one'))
          .whereRef('child_merge_delivery.merge_id', '=', 'child_merge.id')
          .where('child_merge_delivery.delivered_at', 'is', null),
      ),
    )
    .orderBy('child_merge.merged_at')
    .orderBy('child_merge.id')
    .execute()
}

export function findDeliveriesByMergeIds(db: Kysely<DB>, mergeIds: readonly string[]) {
  return db
    .selectFrom('child_merge_delivery')
    .select(columns.childMergeDelivery)
    .where('child_merge_delivery.merge_id', '=', anyUuid(mergeIds))
    .orderBy('child_merge_delivery.requested_at')
    .orderBy('child_merge_delivery.side')
    .execute()
}

export function insertDeliveries(db: Kysely<DB>, rows: readonly Insertable<ChildMergeDeliveryTable>[]) {
  return db
    .insertInto('child_merge_delivery')
    .values([...rows])
    .execute()
}

/**
 * Undelivered steps in the order they must reach each subgraph, with the
 * children they concern. An undo is never sent to a side before the
 * merge it undoes.
 */
export function listUndeliveredSteps(db: Kysely<DB>) {
  return db
    .selectFrom('child_merge_delivery')
    .innerJoin('child_merge', 'child_merge.id', 'child_merge_delivery.merge_id')
    .select([
      'child_merge_delivery.merge_id as mergeId',
      'child_merge_delivery.side',
      'child_merge_delivery.action',
      'child_merge.survivor_id as survivorId',
      'child_merge.merged_id as mergedId',
    ])
    .where('child_merge_delivery.delivered_at', 'is', null)
    .orderBy('child_merge_delivery.requested_at')
    .orderBy('child_merge_delivery.action')
    .execute()
}

export function markDelivered(
  db: Kysely<DB>,
  step: { mergeId: string; side: MergeSide; action: 'APPLY' | 'UNDO' },
  movedRecords: number,
) {
  return db
    .updateTable('child_merge_delivery')
    .set((eb) => ({
      delivered_at: sql`now()`,
      moved_records: movedRecords,
      attempts: eb('attempts', '+', 1),
      last_attempt_at: sql`now()`,
      last_error: null,
    }))
    .where('merge_id', '=', step.mergeId)
    .where('side', '=', step.side)
    .where('action', '=', step.action)
    .execute()
}

export function markFailed(
  db: Kysely<DB>,
  step: { mergeId: string; side: MergeSide; action: 'APPLY' | 'UNDO' },
  error: string,
) {
  return db
    .updateTable('child_merge_delivery')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: sql`now()`, last_error: error }))
    .where('merge_id', '=', step.mergeId)
    .where('side', '=', step.side)
    .where('action', '=', step.action)
    .execute()
}
