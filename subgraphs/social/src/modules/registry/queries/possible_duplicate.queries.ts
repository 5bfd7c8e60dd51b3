import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { DB, PossibleDuplicateTable } from '../../../db/database.js'

export type PossibleDuplicateRow = Awaited<ReturnType<typeof listPossibleDuplicates>>[number]

export type PossibleDuplicateStatus = 'OPEN' | 'DISMISSED' | 'MERGED'

export function listPossibleDuplicates(db: Kysely<DB>, status: PossibleDuplicateStatus) {
  return db
    .selectFrom('possible_duplicate')
    .select(columns.possibleDuplicate)
    .where('possible_duplicate.status', '=', status)
    .orderBy('possible_duplicate.detected_at')
    .orderBy('possible_duplicate.id')
    .execute()
}

export function findPossibleDuplicatesByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db
    .selectFrom('possible_duplicate')
    .select(columns.possibleDuplicate)
    .where('possible_duplicate.id', '=', anyUuid(ids))
    .execute()
}

export function insertPossibleDuplicate(db: Kysely<DB>, row: Insertable<PossibleDuplicateTable>) {
  return db.insertInto('possible_duplicate').values(row).returning(columns.possibleDuplicate).executeTakeFirstOrThrow()
}

export function lockPossibleDuplicateById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('possible_duplicate')
    .select(columns.possibleDuplicate)
    .where('possible_duplicate.id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export function updatePossibleDuplicate(db: Kysely<DB>, id: string, changes: Updateable<PossibleDuplicateTable>) {
  return db
    .updateTable('possible_duplicate')
    .set(changes)
    .where('possible_duplicate.id', '=', id)
    .returning(columns.possibleDuplicate)
    .executeTakeFirstOrThrow()
}
