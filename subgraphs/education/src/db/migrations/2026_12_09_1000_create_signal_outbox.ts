import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. Every side that emits child-find signals has this
// migration, each its own copy.

/**
 * The outbox of child-find signals: one row per record that meets a target-group criterion, written in the record's
 * own transaction and delivered to social until social confirms it. It holds the child's id and non-identifying
 * facts only (which kind of record, its id and date), never the record's content.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('signal_outbox')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('proposed_criterion', 'text', (column) => column.notNull())
    .addColumn('source_record_id', 'uuid', (column) => column.notNull().unique())
    .addColumn('recorded_on', 'date', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute()
  await db.schema.createIndex('signal_outbox_child_id_idx').on('signal_outbox').column('child_id').execute()
  await db.schema
    .createIndex('signal_outbox_undelivered_idx')
    .on('signal_outbox')
    .columns(['created_at', 'id'])
    .where(sql.ref('delivered_at'), 'is', null)
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('signal_outbox').execute()
}
