import { sql, type Kysely } from 'kysely'
import { conflict, hubError, isUniqueViolation } from '@hub/platform/errors'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { requireUuid } from '@hub/subgraph-kit/validation'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tables are found at run time, in the catalogue
type AnyDatabase = Kysely<any>

/**
 * One subgraph's part of merging two registry records of the same child:
 * every row of this database that refers to the merged child by a
 * `child_id` column is re-pointed to the surviving child, and each moved
 * row is written down, so that undoing the merge moves back exactly
 * those rows and nothing recorded since.
 */
export interface ChildMergeStep {
  mergeId: string
  survivorId: string
  mergedId: string
  action: 'APPLY' | 'UNDO'
}

/** Forgets every merge this database followed: a reset region holds none of the children they were about. */
export async function clearChildMergeTables(db: AnyDatabase) {
  await sql`truncate table child_merge_move, child_merge_step`.execute(db)
}

export function requireChildMergeStep(step: ChildMergeStep) {
  requireUuid('input.mergeId', step.mergeId)
  requireUuid('input.survivorId', step.survivorId)
  requireUuid('input.mergedId', step.mergedId)
  return step
}

interface MoveRow {
  id: string
}

/** The access audit records which record was read: it is evidence, and stays as written (it is append-only too). */
const NEVER_MOVED = ['access_audit']

/** The tables of this database that refer to a child, found in the catalogue so that no new table is forgotten. */
async function childReferencingTables(db: AnyDatabase, excluded: readonly string[]) {
  const { rows } = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and c.column_name = 'child_id' and t.table_type = 'BASE TABLE'
    order by c.table_name`.execute(db)
  return rows.map((row) => row.table_name).filter((table) => !excluded.includes(table) && !NEVER_MOVED.includes(table))
}

/**
 * Applies or undoes one merge in this database, inside the caller's
 * transaction. Idempotent: the coordinator (social) may deliver a step
 * again after a lost answer, and an undo may arrive before the merge it
 * undoes, in which case the merge is remembered as undone and never
 * applied. Returns how many rows moved.
 */
export async function followChildMerge(
  trx: AnyDatabase,
  step: ChildMergeStep,
  { excludedTables = [] }: { excludedTables?: readonly string[] } = {},
) {
  await sql`select pg_advisory_xact_lock(hashtext('child-merge'), hashtext(${step.mergeId}))`.execute(trx)
  const recorded = await trx
    .selectFrom('child_merge_step')
    .select(['survivor_id', 'merged_id', 'applied_at', 'undone_at'])
    .where('merge_id', '=', step.mergeId)
    .executeTakeFirst()
  if (recorded && (recorded.survivor_id !== step.survivorId || recorded.merged_id !== step.mergedId)) {
    throw conflict('input.mergeId', 'MERGE_OF_OTHER_CHILDREN', 'this merge was recorded for other children')
  }
  if (step.action === 'UNDO') {
    if (!recorded) {
      await trx
        .insertInto('child_merge_step')
        .values({
          merge_id: step.mergeId,
          survivor_id: step.survivorId,
          merged_id: step.mergedId,
          undone_at: sql`now()`,
        })
        .execute()
      return 0
    }
    if (recorded.undone_at) return 0
    return undoMoves(trx, step.mergeId)
  }
  if (recorded) return 0
  await trx
    .insertInto('child_merge_step')
    .values({ merge_id: step.mergeId, survivor_id: step.survivorId, merged_id: step.mergedId, applied_at: sql`now()` })
    .execute()
  let moved = 0
  for (const table of await childReferencingTables(trx, excludedTables)) {
    const rows: MoveRow[] = await trx
      .updateTable(table)
      .set({ child_id: step.survivorId })
      .where('child_id', '=', step.mergedId)
      .returning('id')
      .execute()
      .catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error
        throw hubError(
          'CONFLICT',
          'MERGE_RECORD_CLASH',
          `input.mergedId: both children have a record in ${table} that may exist only once per child; resolve it before the merge`,
          { field: 'input.mergedId', table },
        )
      })
    if (rows.length === 0) continue
    await trx
      .insertInto('child_merge_move')
      .values(rows.map((row) => ({ merge_id: step.mergeId, moved_table: table, row_id: row.id })))
      .execute()
    moved += rows.length
  }
  return moved
}

async function undoMoves(trx: AnyDatabase, mergeId: string) {
  const step = await trx
    .updateTable('child_merge_step')
    .set({ undone_at: sql`now()` })
    .where('merge_id', '=', mergeId)
    .returning(['merged_id'])
    .executeTakeFirstOrThrow()
  const moves: { moved_table: string; row_id: string }[] = await trx
    .selectFrom('child_merge_move')
    .select(['moved_table', 'row_id'])
    .where('merge_id', '=', mergeId)
    .orderBy('moved_table')
    .execute()
  const rowIdsByTable = new Map<string, string[]>()
  for (const move of moves)
    rowIdsByTable.set(move.moved_table, [...(rowIdsByTable.get(move.moved_table) ?? []), move.row_id])
  for (const [table, rowIds] of rowIdsByTable) {
    await trx
      .updateTable(table)
      .set({ child_id: step.merged_id })
      .where('id', '=', anyUuid(rowIds))
      .execute()
      .catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error
        throw hubError(
          'CONFLICT',
          'MERGE_RECORD_CLASH',
          `input.mergeId: the merged child's record in ${table} may exist only once per child and the surviving child now has one; resolve it before undoing`,
          { field: 'input.mergeId', table },
        )
      })
  }
  return moves.length
}

/** The `followChildMerge` mutation of the health, education and ngo subgraphs: one step, one transaction. */
export async function followChildMergeMutation(db: AnyDatabase, input: ChildMergeStep) {
  const step = requireChildMergeStep(input)
  const movedRecords = await db.transaction().execute((trx) => followChildMerge(trx, step))
  return { movedRecords }
}
