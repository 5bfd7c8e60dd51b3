import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. Every subgraph has this migration, each its own copy.

/**
 * The domain events a subgraph publishes to ministry systems, and its webhook outbox: every event is a row of
 * `domain_event` (its `seq` is the position in the readable feed), and every event a subscription waits for is a row
 * of `webhook_delivery`, written in the transaction of the change that caused it.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('domain_event')
    .addColumn('seq', 'bigint', (column) => column.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('id', 'uuid', (column) =>
      column
        .notNull()
        .unique()
        .defaultTo(sql`gen_random_uuid()`),
    )
    .addColumn('type', 'text', (column) => column.notNull().check(sql`type ~ '^[a-z_]+\\.[a-z_]+$'`))
    .addColumn('occurred_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    // Ids only: an object of names to uuids, never a name, a birth date, a diagnosis or a free text.
    .addColumn('subject', 'jsonb', (column) => column.notNull().check(sql`jsonb_typeof(subject) = 'object'`))
    .execute()

  await db.schema
    .createTable('webhook_subscription')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('url', 'text', (column) => column.notNull().check(sql`char_length(url) between 8 and 2000`))
    // The HMAC key the hub signs with: shown once to the administrator who created the subscription.
    .addColumn('secret', 'text', (column) => column.notNull())
    // Empty: every type of event.
    .addColumn('event_types', sql`text[]`, (column) => column.notNull().defaultTo(sql`'{}'`))
    .addColumn('description', 'text', (column) =>
      column
        .notNull()
        .defaultTo('')
        .check(sql`char_length(description) <= 500`),
    )
    .addColumn('active', 'boolean', (column) => column.notNull().defaultTo(true))
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('webhook_delivery')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('subscription_id', 'uuid', (column) =>
      column.notNull().references('webhook_subscription.id').onDelete('cascade'),
    )
    .addColumn('event_seq', 'bigint', (column) => column.notNull().references('domain_event.seq'))
    .addColumn('status', 'text', (column) =>
      column
        .notNull()
        .defaultTo('PENDING')
        .check(sql`status in ('PENDING', 'DELIVERED', 'DEAD')`),
    )
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addUniqueConstraint('webhook_delivery_subscription_event_uq', ['subscription_id', 'event_seq'])
    .execute()
  // The unique constraint serves the foreign key to the subscription; these serve the event's and the queue's reads.
  await db.schema.createIndex('webhook_delivery_event_idx').on('webhook_delivery').column('event_seq').execute()
  await db.schema
    .createIndex('webhook_delivery_pending_idx')
    .on('webhook_delivery')
    .columns(['subscription_id', 'event_seq'])
    .where(sql.ref('status'), '=', 'PENDING')
    .execute()
  await db.schema
    .createIndex('webhook_delivery_dead_idx')
    .on('webhook_delivery')
    .columns(['subscription_id', 'event_seq'])
    .where(sql.ref('status'), '=', 'DEAD')
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('webhook_delivery').execute()
  await db.schema.dropTable('webhook_subscription').execute()
  await db.schema.dropTable('domain_event').execute()
}
