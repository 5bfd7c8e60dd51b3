import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code, so the value list below is a copy on purpose.
const ACTIVITIES = sql.raw("'FAMILY_SUPPORT','CHILD_LEISURE','TRANSPORT','EVENTS','PARENT_GROUPS'")

export async function up(db: Kysely<any>) {
  // A volunteer is a person, and no database but social's holds a person's name or contacts: the provider keeps
  // those in its own files, and this table keeps only the number the provider gave the volunteer.
  await db.schema
    .createTable('volunteer')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // No foreign key: the registry of providers lives in social's database.
    .addColumn('provider_id', 'uuid', (col) => col.notNull())
    .addColumn('registration_number', 'text', (col) =>
      col.notNull().check(sql`char_length(registration_number) between 1 and 32`),
    )
    .addColumn('activity_kinds', sql`text[]`, (col) =>
      col.notNull().check(sql`cardinality(activity_kinds) > 0 and activity_kinds <@ array[${ACTIVITIES}]::text[]`),
    )
    .addColumn('started_on', 'date', (col) => col.notNull())
    .addColumn('ended_on', 'date')
    .addCheckConstraint('volunteer_dates', sql`ended_on is null or ended_on >= started_on`)
    .execute()
  await db.schema.createIndex('volunteer_provider_idx').on('volunteer').column('provider_id').execute()
  // One active volunteer per number at a provider; a number may be reused once its holder has ended.
  await db.schema
    .createIndex('volunteer_active_number_uq')
    .on('volunteer')
    .columns(['provider_id', 'registration_number'])
    .unique()
    .where(sql.ref('ended_on'), 'is', null)
    .execute()

  // Minutes, not hours: whole numbers add up exactly; the API speaks hours.
  await db.schema
    .createTable('volunteer_hours')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('volunteer_id', 'uuid', (col) => col.notNull().references('volunteer.id'))
    .addColumn('worked_on', 'date', (col) => col.notNull())
    .addColumn('minutes', 'integer', (col) => col.notNull().check(sql`minutes between 1 and 1440`))
    .addColumn('activity', 'text', (col) => col.notNull().check(sql`activity in (${ACTIVITIES})`))
    .execute()
  await db.schema
    .createIndex('volunteer_hours_volunteer_idx')
    .on('volunteer_hours')
    .columns(['volunteer_id', 'worked_on'])
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('volunteer_hours').execute()
  await db.schema.dropTable('volunteer').execute()
}
