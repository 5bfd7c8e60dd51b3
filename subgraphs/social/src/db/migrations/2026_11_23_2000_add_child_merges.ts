import { sql, type Kysely } from 'kysely'

// Frozen in time: merging two registry records of one child, the merge's own record (who, why, what moved to the
// survivor), and the delivery of the merge to the other three subgraphs.
export async function up(db: Kysely<any>) {
  // This database's part in each merge, the same two tables as the other sides' migration of this name creates: every
  // row moved to the survivor is written down, so that undoing the merge moves back exactly those rows.
  await db.schema
    .createTable('child_merge_step')
    .addColumn('merge_id', 'uuid', (col) => col.primaryKey())
    .addColumn('survivor_id', 'uuid', (col) => col.notNull())
    .addColumn('merged_id', 'uuid', (col) => col.notNull())
    .addColumn('applied_at', 'timestamptz')
    .addColumn('undone_at', 'timestamptz')
    .execute()
  await db.schema
    .createTable('child_merge_move')
    .addColumn('merge_id', 'uuid', (col) => col.notNull().references('child_merge_step.merge_id'))
    .addColumn('moved_table', 'text', (col) => col.notNull())
    .addColumn('row_id', 'uuid', (col) => col.notNull())
    .addPrimaryKeyConstraint('child_merge_move_pkey', ['merge_id', 'moved_table', 'row_id'])
    .execute()

  await db.schema
    .alterTable('child')
    .addColumn('merged_into_id', 'uuid', (col) => col.references('child.id'))
    .execute()
  await db.schema.createIndex('child_merged_into_idx').on('child').column('merged_into_id').execute()

  await db.schema
    .createTable('child_merge')
    .addColumn('id', 'uuid', (col) => col.primaryKey().references('child_merge_step.merge_id'))
    .addColumn('survivor_id', 'uuid', (col) => col.notNull().references('child.id'))
    .addColumn('merged_id', 'uuid', (col) => col.notNull().references('child.id'))
    .addColumn('possible_duplicate_id', 'uuid', (col) => col.references('possible_duplicate.id'))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('merged_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // The СНИЛС the merged record gave the survivor, if it had one and the survivor had none; undo takes it back.
    .addColumn('moved_snils', 'text')
    .addColumn('undone_at', 'timestamptz')
    .addColumn('undo_reason', 'text')
    .addCheckConstraint('child_merge_distinct', sql`survivor_id <> merged_id`)
    .addCheckConstraint('child_merge_undo_reason', sql`(undone_at is null) = (undo_reason is null)`)
    .execute()
  await db.schema.createIndex('child_merge_survivor_idx').on('child_merge').column('survivor_id').execute()
  await db.schema.createIndex('child_merge_merged_idx').on('child_merge').column('merged_id').execute()

  await db.schema
    .createTable('child_merge_delivery')
    .addColumn('merge_id', 'uuid', (col) => col.notNull().references('child_merge.id'))
    .addColumn('side', 'text', (col) => col.notNull().check(sql`side in ('HEALTH','EDUCATION','NGO')`))
    .addColumn('action', 'text', (col) => col.notNull().check(sql`action in ('APPLY','UNDO')`))
    .addColumn('requested_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('moved_records', 'integer')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('child_merge_delivery_pkey', ['merge_id', 'side', 'action'])
    .execute()
  await sql`create index child_merge_delivery_pending_idx on child_merge_delivery (requested_at) where delivered_at is null`.execute(
    db,
  )
}

export async function down(db: Kysely<any>) {
  for (const table of ['child_merge_delivery', 'child_merge']) await db.schema.dropTable(table).execute()
  await db.schema.alterTable('child').dropColumn('merged_into_id').execute()
  for (const table of ['child_merge_move', 'child_merge_step']) await db.schema.dropTable(table).execute()
}
