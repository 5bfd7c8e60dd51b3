import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely'
import { columns } from '../../../db/columns.js'
import type { ChildFindSignalStatus, ChildFindSignalTable, DB } from '../../../db/database.js'
import { pageWithTotal } from './child.queries.js'

export type ChildFindSignalRow = NonNullable<Awaited<ReturnType<typeof findChildFindSignalById>>>

export function findChildFindSignalById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('child_find_signal')
    .select(columns.childFindSignal)
    .where('child_find_signal.id', '=', id)
    .executeTakeFirst()
}

export function lockChildFindSignalById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('child_find_signal')
    .select(columns.childFindSignal)
    .where('child_find_signal.id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

/** Keeps a signal once: a second delivery of the same id inserts nothing and returns undefined. */
export function insertChildFindSignal(db: Kysely<DB>, row: Insertable<ChildFindSignalTable>) {
  return db
    .insertInto('child_find_signal')
    .values(row)
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning(columns.childFindSignal)
    .executeTakeFirst()
}

export function updateChildFindSignal(db: Kysely<DB>, id: string, changes: Updateable<ChildFindSignalTable>) {
  return db
    .updateTable('child_find_signal')
    .set({ ...changes, decided_at: sql<Date>`now()` })
    .where('child_find_signal.id', '=', id)
    .returning(columns.childFindSignal)
    .executeTakeFirstOrThrow()
}

/** A page of the signals in one state, in id order after `afterId`, and how many are in that state. */
export function listChildFindSignals(
  db: Kysely<DB>,
  { status, first, afterId }: { status: ChildFindSignalStatus; first: number; afterId?: string },
) {
  const count = db
    .selectFrom('child_find_signal')
    .where('child_find_signal.status', '=', status)
    .select(sql<number>`count(*)::int`.as('totalCount'))
  let rows = db
    .selectFrom('child_find_signal')
    .select(columns.childFindSignal)
    .where('child_find_signal.status', '=', status)
  if (afterId) rows = rows.where('child_find_signal.id', '>', afterId)
  return pageWithTotal(db, { count, rows, first })
}

/** Every signal waiting for the coordinator's decision: the notification sweep checks their handling clocks. */
export function listNewChildFindSignals(db: Kysely<DB>) {
  return db
    .selectFrom('child_find_signal')
    .select(columns.childFindSignal)
    .where('child_find_signal.status', '=', 'NEW')
    .orderBy('child_find_signal.id')
    .execute()
}
