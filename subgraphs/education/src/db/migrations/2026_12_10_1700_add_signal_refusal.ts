import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. Every side that emits child-find signals has this
// migration, each its own copy.

/**
 * A signal social refuses for good (a child it never issued, a kind or criterion it does not take from this side) is
 * marked refused with social's answer, and the delivery no longer sends it: only the side's administrator acts on it.
 */
export async function up(db: Kysely<any>) {
  await db.schema.alterTable('signal_outbox').addColumn('refused_at', 'timestamptz').execute()
  await db.schema.dropIndex('signal_outbox_undelivered_idx').execute()
  await sql`create index signal_outbox_undelivered_idx on signal_outbox (created_at, id)
    where delivered_at is null and refused_at is null`.execute(db)
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('signal_outbox_undelivered_idx').execute()
  await sql`create index signal_outbox_undelivered_idx on signal_outbox (created_at, id)
    where delivered_at is null`.execute(db)
  await db.schema.alterTable('signal_outbox').dropColumn('refused_at').execute()
}
