import { sql, type Kysely } from 'kysely'

// Frozen in time, like a migration: the migration 2026_12_10_1700_add_signal_refusal of every side that emits
// child-find signals is this module, so what it runs must never change once released. A later change is a new migration.

/**
 * A signal social refuses for good (a child it never issued, a kind or criterion it does not take from this side) is
 * marked refused with social's answer, and the delivery no longer sends it: only the side's administrator acts on it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below any subgraph's table types
export async function up(db: Kysely<any>) {
  await db.schema.alterTable('signal_outbox').addColumn('refused_at', 'timestamptz').execute()
  await db.schema.dropIndex('signal_outbox_undelivered_idx').execute()
  await sql`create index signal_outbox_undelivered_idx on signal_outbox (created_at, id)
    where delivered_at is null and refused_at is null`.execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below any subgraph's table types
export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('signal_outbox_undelivered_idx').execute()
  await sql`create index signal_outbox_undelivered_idx on signal_outbox (created_at, id)
    where delivered_at is null`.execute(db)
  await db.schema.alterTable('signal_outbox').dropColumn('refused_at').execute()
}
