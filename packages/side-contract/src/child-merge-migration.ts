import type { Kysely } from 'kysely'
import { createChildMergeTables } from './child-merge.js'

// Frozen in time, like a migration: the migration 2026_11_23_2000_add_child_merges of the health, education and ngo
// subgraphs is this module, so what it runs must never change once released. A later change to these tables is a new
// migration. Social's migration of that name creates the same tables and its own besides.

/** The record of this database's part in each merge of two registry records of one child. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below any subgraph's table types
export async function up(db: Kysely<any>) {
  await createChildMergeTables(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below any subgraph's table types
export async function down(db: Kysely<any>) {
  for (const table of ['child_merge_move', 'child_merge_step']) await db.schema.dropTable(table).execute()
}
