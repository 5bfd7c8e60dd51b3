import { sql, type ColumnType, type Generated, type Kysely } from 'kysely'

/** The table every subgraph's database has (migration 2026_11_24_1700_create_idempotent_request). */
export interface IdempotencyTables {
  idempotent_request: {
    subject: string
    key: string
    field: string
    input_hash: string
    result: ColumnType<unknown, string | null, string | null>
    created_at: Generated<Date>
  }
}

export type IdempotencyDatabase = Kysely<IdempotencyTables>

/** A subgraph's database seen through its idempotency table alone (as `auditView` does for the audit table). */
export function idempotencyView<DB extends IdempotencyTables>(db: Kysely<DB>): IdempotencyDatabase {
  return db as unknown as IdempotencyDatabase
}

export interface IdempotentRequestClaim {
  subject: string
  key: string
  field: string
  inputHash: string
}

/**
 * Claims a caller's key for this request; returns whether it did. A key held by a transaction still open makes
 * PostgreSQL wait on the primary key until that transaction ends: after a commit the key is taken, after a rollback
 * this claim proceeds. A key older than the retention period is claimed anew, as if it had been purged.
 */
export async function claimIdempotentRequest(db: IdempotencyDatabase, claim: IdempotentRequestClaim, days: number) {
  const claimed = await db
    .insertInto('idempotent_request')
    .values({ subject: claim.subject, key: claim.key, field: claim.field, input_hash: claim.inputHash })
    .onConflict((conflict) =>
      conflict
        .columns(['subject', 'key'])
        .doUpdateSet({
          field: claim.field,
          input_hash: claim.inputHash,
          result: null,
          created_at: sql<Date>`now()`,
        })
        .where('idempotent_request.created_at', '<', sql<Date>`now() - make_interval(days => ${days})`),
    )
    .returning('key')
    .executeTakeFirst()
  return claimed !== undefined
}

export function findIdempotentRequest(db: IdempotencyDatabase, subject: string, key: string) {
  return db
    .selectFrom('idempotent_request')
    .select(['field', 'input_hash as inputHash', 'result'])
    .where('subject', '=', subject)
    .where('key', '=', key)
    .executeTakeFirst()
}

export function updateIdempotentRequestResult(db: IdempotencyDatabase, subject: string, key: string, result: unknown) {
  return db
    .updateTable('idempotent_request')
    .set({ result: JSON.stringify(result) })
    .where('subject', '=', subject)
    .where('key', '=', key)
    .execute()
}

/** Forgets the keys older than the retention period; returns how many. */
export async function deleteExpiredIdempotentRequests(db: IdempotencyDatabase, days: number) {
  const deleted = await db
    .deleteFrom('idempotent_request')
    .where('created_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
    .executeTakeFirst()
  return Number(deleted.numDeletedRows)
}
