import type { Kysely } from 'kysely'
import { createChildMergeTables } from '../../../../kit/src/child-merge.js'

// Frozen in time: the record of this database's part in each merge of two registry records of one child.
export async function up(db: Kysely<any>) {
  await createChildMergeTables(db)
}

export async function down(db: Kysely<any>) {
  for (const table of ['child_merge_move', 'child_merge_step']) await db.schema.dropTable(table).execute()
}
