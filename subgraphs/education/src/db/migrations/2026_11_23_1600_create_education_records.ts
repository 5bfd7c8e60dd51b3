import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. No identity columns: a child is only its id here.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('kindergarten')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('municipality_oktmo', 'text', (col) => col.notNull().check(sql`municipality_oktmo ~ '^[0-9]{8}$'`))
    .execute()
  await db.schema.createIndex('kindergarten_municipality_idx').on('kindergarten').column('municipality_oktmo').execute()

  await db.schema
    .createTable('pmpk_conclusion')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull())
    .addColumn('number', 'text', (col) => col.notNull())
    .addColumn('commission', 'text', (col) => col.notNull())
    .addColumn('concluded_on', 'date', (col) => col.notNull())
    .addColumn('needs_special_conditions', 'boolean', (col) => col.notNull())
    .addColumn('recommended_programme', 'text', (col) =>
      col.notNull().check(sql`recommended_programme in ('GENERAL','ADAPTED')`),
    )
    .addColumn('recommended_conditions', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .execute()
  await db.schema.createIndex('pmpk_conclusion_child_idx').on('pmpk_conclusion').column('child_id').execute()

  await db.schema
    .createTable('preschool_application')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull())
    .addColumn('applied_on', 'date', (col) => col.notNull())
    .addColumn('desired_start_on', 'date', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('QUEUED','DIRECTED','ENROLLED','WITHDRAWN')`),
    )
    .addColumn('kindergarten_id', 'uuid', (col) => col.references('kindergarten.id'))
    .addColumn('enrolled_on', 'date')
    .addColumn('group_type', 'text', (col) =>
      col.check(sql`group_type in ('GENERAL','COMPENSATORY','COMBINED','SHORT_STAY')`),
    )
    .addCheckConstraint(
      'preschool_application_enrolment',
      sql`(status = 'ENROLLED') = (enrolled_on is not null) and (status in ('QUEUED','WITHDRAWN') or kindergarten_id is not null)`,
    )
    .execute()
  await db.schema
    .createIndex('preschool_application_child_idx')
    .on('preschool_application')
    .column('child_id')
    .execute()
  await db.schema
    .createIndex('preschool_application_kindergarten_idx')
    .on('preschool_application')
    .column('kindergarten_id')
    .execute()
  await db.schema.createIndex('preschool_application_status_idx').on('preschool_application').column('status').execute()
}

export async function down(db: Kysely<any>) {
  for (const table of ['preschool_application', 'pmpk_conclusion', 'kindergarten']) {
    await db.schema.dropTable(table).execute()
  }
}
