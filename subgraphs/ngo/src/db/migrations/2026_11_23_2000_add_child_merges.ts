import type { Kysely } from 'kysely'

// Frozen in time: this file never imports application code. Health, education and ngo have this migration, each its
// own copy; social's of this name creates the same two tables and its own besides.

/**
 * The record of this database's part in each merge of two registry records of one child: every row moved to the
 * surviving child is written down, so that undoing the merge moves back exactly those rows and nothing recorded since.
 */
export async function up(db: Kysely<any>) {
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
}

export async function down(db: Kysely<any>) {
  for (const table of ['child_merge_move', 'child_merge_step']) await db.schema.dropTable(table).execute()
}
