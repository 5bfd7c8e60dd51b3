import { sql, type Kysely } from 'kysely'

// The registry's search by the beginning of a full name (`ChildFilter.search`) is a LIKE 'prefix%' on the name key:
// text_pattern_ops lets an index serve it whatever the database's collation. СНИЛС is unique, so already indexed.
export async function up(db: Kysely<any>) {
  await db.schema
    .createIndex('child_name_key_prefix_idx')
    .on('child')
    .expression(sql`name_key text_pattern_ops`)
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('child_name_key_prefix_idx').execute()
}
