import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. No identity columns: a child is only its id here.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('ngo_session')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull())
    .addColumn('provider_id', 'uuid', (col) => col.notNull())
    .addColumn('service_code', 'text', (col) => col.notNull())
    .addColumn('delivered_on', 'date', (col) => col.notNull())
    .addColumn('duration_minutes', 'integer', (col) => col.notNull().check(sql`duration_minutes between 1 and 480`))
    .addColumn('mode', 'text', (col) => col.notNull().check(sql`mode in ('IN_CENTRE','AT_HOME','GROUP','REMOTE')`))
    .addColumn('attended', 'boolean', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('ngo_session_child_idx').on('ngo_session').columns(['child_id', 'delivered_on']).execute()
  await db.schema.createIndex('ngo_session_provider_idx').on('ngo_session').column('provider_id').execute()

  await db.schema
    .createTable('parent_group')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('provider_id', 'uuid', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('municipality_oktmo', 'text', (col) => col.notNull().check(sql`municipality_oktmo ~ '^[0-9]{8}$'`))
    .execute()
  await db.schema.createIndex('parent_group_provider_idx').on('parent_group').column('provider_id').execute()
  await db.schema.createIndex('parent_group_municipality_idx').on('parent_group').column('municipality_oktmo').execute()

  await db.schema
    .createTable('parent_group_participation')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('parent_group_id', 'uuid', (col) => col.notNull().references('parent_group.id'))
    .addColumn('family_id', 'uuid', (col) => col.notNull())
    .addColumn('joined_on', 'date', (col) => col.notNull())
    .addColumn('left_on', 'date')
    .addCheckConstraint('parent_group_participation_dates', sql`left_on is null or left_on >= joined_on`)
    .execute()
  await db.schema
    .createIndex('parent_group_participation_family_idx')
    .on('parent_group_participation')
    .column('family_id')
    .execute()
  await db.schema
    .createIndex('parent_group_participation_group_idx')
    .on('parent_group_participation')
    .column('parent_group_id')
    .execute()
}

export async function down(db: Kysely<any>) {
  for (const table of ['parent_group_participation', 'parent_group', 'ngo_session']) {
    await db.schema.dropTable(table).execute()
  }
}
