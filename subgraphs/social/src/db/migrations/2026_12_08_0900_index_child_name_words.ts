import { sql, type Kysely } from 'kysely'

// The registry's search (`ChildFilter.search`) matches each word typed against the beginning of any word of the name
// key, `(' ' || name_key) like '% word%'`: pg_trgm's GIN index serves that wherever the word stands in the name.
// pg_trgm is a trusted extension: the database's owner may create it. The previous release's search by the beginning
// of the whole name keeps its text_pattern_ops index while a replica of it may still run (expand, then contract).
export async function up(db: Kysely<any>) {
  await sql`create extension if not exists pg_trgm`.execute(db)
  await db.schema
    .createIndex('child_name_words_idx')
    .on('child')
    .using('gin')
    .expression(sql`(' ' || name_key) gin_trgm_ops`)
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('child_name_words_idx').execute()
  await sql`drop extension if exists pg_trgm`.execute(db)
}
