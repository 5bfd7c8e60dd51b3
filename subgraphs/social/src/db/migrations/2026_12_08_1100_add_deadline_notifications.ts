import { sql, type Kysely } from 'kysely'

// Frozen in time: deadline notifications (one per item, clock run and crossing), who has read each, and the staff who
// registered an e-mail address for the daily digest.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('deadline_notification')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('item_kind', 'text', (col) => col.notNull().check(sql`item_kind in ('REFERRAL','PROGRAMME')`))
    .addColumn('item_id', 'uuid', (col) => col.notNull())
    .addColumn('child_id', 'uuid', (col) => col.notNull().references('child.id'))
    .addColumn('provider_id', 'uuid', (col) => col.notNull().references('provider.id'))
    .addColumn('clock', 'text', (col) => col.notNull())
    .addColumn('started_on', 'date', (col) => col.notNull())
    .addColumn('due_on', 'date', (col) => col.notNull())
    .addColumn('crossing', 'text', (col) => col.notNull().check(sql`crossing in ('DUE_SOON','BREACHED')`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // A run of a clock (its start) crosses each line once: the sweep's insert meets this key the next time.
    .addUniqueConstraint('deadline_notification_crossing_key', ['item_id', 'clock', 'started_on', 'crossing'])
    .execute()
  await db.schema
    .createIndex('deadline_notification_provider_idx')
    .on('deadline_notification')
    .columns(['provider_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('deadline_notification_child_idx')
    .on('deadline_notification')
    .column('child_id')
    .execute()
  await db.schema
    .createIndex('deadline_notification_created_idx')
    .on('deadline_notification')
    .column('created_at')
    .execute()

  await db.schema
    .createTable('notification_read')
    .addColumn('notification_id', 'uuid', (col) => col.notNull().references('deadline_notification.id'))
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('read_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('notification_read_pkey', ['notification_id', 'subject'])
    .execute()
  await db.schema.createIndex('notification_read_subject_idx').on('notification_read').column('subject').execute()

  await db.schema
    .createTable('notification_recipient')
    .addColumn('subject', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.check(sql`length(name) between 1 and 200`))
    .addColumn('email', 'text', (col) => col.check(sql`length(email) between 3 and 254`))
    .addColumn('side', 'text', (col) =>
      col.notNull().check(sql`side in ('health','education','social','ngo','regional')`),
    )
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('specialist','coordinator')`))
    .addColumn('organisation', 'text')
    .addColumn('digest', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('last_digest_on', 'date')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index notification_recipient_digest_idx on notification_recipient (last_digest_on)
    where digest and email is not null`.execute(db)
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('notification_recipient').execute()
  await db.schema.dropTable('notification_read').execute()
  await db.schema.dropTable('deadline_notification').execute()
}
