import type { Kysely } from 'kysely'

// Every foreign key has an index (house style; tests/subgraphs/kit/indexes.test.ts checks all four databases): a
// change of a possible duplicate checks the merges that name it without reading them all.
export async function up(db: Kysely<any>) {
  await db.schema
    .createIndex('child_merge_possible_duplicate_idx')
    .on('child_merge')
    .column('possible_duplicate_id')
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('child_merge_possible_duplicate_idx').execute()
}
