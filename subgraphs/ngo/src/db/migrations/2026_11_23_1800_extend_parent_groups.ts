import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code, so the value list below is a copy on purpose.
// "Not in the future" is not a CHECK: it is a rule about the moment a fact is recorded, and PostgreSQL assumes CHECK
// expressions are immutable (current_date is not).
const FORMATS = sql.raw("'IN_PERSON','REMOTE','MIXED'")

export async function up(db: Kysely<any>) {
  // Nullable: groups recorded before this migration (and by the synthetic seed) have no recorded format or start.
  await db.schema
    .alterTable('parent_group')
    .addColumn('format', 'text', (col) => col.check(sql`format in (${FORMATS})`))
    .addColumn('started_on', 'date')
    .execute()

  // A meeting keeps only how many families came: who came is personal data the ngo database does not keep.
  await db.schema
    .createTable('parent_group_meeting')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('parent_group_id', 'uuid', (col) => col.notNull().references('parent_group.id'))
    .addColumn('held_on', 'date', (col) => col.notNull())
    .addColumn('topic', 'text', (col) => col.notNull().check(sql`char_length(topic) between 1 and 300`))
    .addColumn('format', 'text', (col) => col.notNull().check(sql`format in (${FORMATS})`))
    .addColumn('attending_families', 'integer', (col) => col.notNull().check(sql`attending_families >= 0`))
    .execute()
  await db.schema
    .createIndex('parent_group_meeting_group_idx')
    .on('parent_group_meeting')
    .columns(['parent_group_id', 'held_on'])
    .execute()

  // The last guard against a family being in the same group twice at once, whatever the application checked.
  await db.schema
    .createIndex('parent_group_participation_active_uq')
    .on('parent_group_participation')
    .columns(['parent_group_id', 'family_id'])
    .unique()
    .where(sql.ref('left_on'), 'is', null)
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('parent_group_participation_active_uq').execute()
  await db.schema.dropTable('parent_group_meeting').execute()
  await db.schema.alterTable('parent_group').dropColumn('started_on').dropColumn('format').execute()
}
