import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. Every subgraph has this migration, each its own copy.

/**
 * The idempotency keys of creating mutations: one row per caller and key, claimed in the mutation's own transaction,
 * holding what the first request created so that a retry answers with it instead of writing again.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('idempotent_request')
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('field', 'text', (column) => column.notNull())
    .addColumn('input_hash', 'text', (column) => column.notNull())
    .addColumn('result', 'jsonb')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotent_request_pkey', ['subject', 'key'])
    .execute()
  await db.schema
    .createIndex('idempotent_request_created_at_idx')
    .on('idempotent_request')
    .column('created_at')
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('idempotent_request').execute()
}
