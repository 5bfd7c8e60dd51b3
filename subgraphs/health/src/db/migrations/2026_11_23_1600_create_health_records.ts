import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. No identity columns: a child is only its id here.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('icd10_code')
    .addColumn('code', 'text', (col) => col.primaryKey().check(sql`code ~ '^[A-Z][0-9]{2}(\\.[0-9]{1,2})?$'`))
    .addColumn('name', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('health_group_assessment')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull())
    .addColumn('health_group', 'text', (col) => col.notNull().check(sql`health_group in ('I','II','III','IV','V')`))
    .addColumn('assessed_on', 'date', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('health_group_assessment_child_idx')
    .on('health_group_assessment')
    .columns(['child_id', 'assessed_on'])
    .execute()

  await db.schema
    .createTable('detection_event')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull())
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .check(sql`kind in ('NEONATAL_SCREENING','AUDIOLOGY_SCREENING','PAEDIATRIC_VISIT','SPECIALIST_VISIT')`),
    )
    .addColumn('result', 'text', (col) => col.check(sql`result in ('NEGATIVE','POSITIVE','CONFIRMED')`))
    .addColumn('occurred_on', 'date', (col) => col.notNull())
    .addColumn('organisation', 'text')
    .execute()
  await db.schema.createIndex('detection_event_child_idx').on('detection_event').column('child_id').execute()

  await db.schema
    .createTable('diagnosis')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull())
    .addColumn('icd10_code', 'text', (col) => col.notNull().references('icd10_code.code'))
    .addColumn('diagnosed_on', 'date', (col) => col.notNull())
    .addColumn('is_primary', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute()
  await db.schema.createIndex('diagnosis_child_idx').on('diagnosis').column('child_id').execute()
  await db.schema.createIndex('diagnosis_icd10_idx').on('diagnosis').column('icd10_code').execute()

  await db.schema
    .createTable('risk_factor')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull())
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`kind in ('PREMATURITY','LOW_BIRTH_WEIGHT','PERINATAL_CNS_LESION','HEREDITARY_BURDEN','INTRAUTERINE_INFECTION','BIRTH_ASPHYXIA')`,
        ),
    )
    .addColumn('noted_on', 'date', (col) => col.notNull())
    .addColumn('details', 'text')
    .execute()
  await db.schema.createIndex('risk_factor_child_idx').on('risk_factor').column('child_id').execute()
}

export async function down(db: Kysely<any>) {
  for (const table of ['risk_factor', 'diagnosis', 'detection_event', 'health_group_assessment', 'icd10_code']) {
    await db.schema.dropTable(table).execute()
  }
}
