import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('municipality')
    .addColumn('oktmo', 'text', (col) => col.primaryKey().check(sql`oktmo ~ '^[0-9]{8}$'`))
    .addColumn('name', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('family')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_oktmo', 'text', (col) => col.notNull().references('municipality.oktmo'))
    .addColumn('address', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('family_municipality_idx').on('family').column('municipality_oktmo').execute()

  await db.schema
    .createTable('legal_representative')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('family_id', 'uuid', (col) => col.notNull().references('family.id'))
    .addColumn('last_name', 'text', (col) => col.notNull())
    .addColumn('first_name', 'text', (col) => col.notNull())
    .addColumn('patronymic', 'text')
    .addColumn('relation', 'text', (col) =>
      col.notNull().check(sql`relation in ('MOTHER','FATHER','GUARDIAN','FOSTER_PARENT','ADOPTIVE_PARENT','OTHER')`),
    )
    .addColumn('document_basis', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .execute()
  await db.schema
    .createIndex('legal_representative_family_idx')
    .on('legal_representative')
    .column('family_id')
    .execute()

  await db.schema
    .createTable('family_situation')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('family_id', 'uuid', (col) => col.notNull().references('family.id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('TJS','SOP')`))
    .addColumn('decision_number', 'text', (col) => col.notNull())
    .addColumn('decided_on', 'date', (col) => col.notNull())
    .addColumn('ended_on', 'date')
    .addCheckConstraint('family_situation_dates', sql`ended_on is null or ended_on >= decided_on`)
    .execute()
  await db.schema.createIndex('family_situation_family_idx').on('family_situation').column('family_id').execute()

  await db.schema
    .createTable('child')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('family_id', 'uuid', (col) => col.references('family.id'))
    .addColumn('last_name', 'text', (col) => col.notNull())
    .addColumn('first_name', 'text', (col) => col.notNull())
    .addColumn('patronymic', 'text')
    .addColumn('birth_date', 'date', (col) => col.notNull())
    .addColumn('sex', 'text', (col) => col.notNull().check(sql`sex in ('MALE','FEMALE')`))
    .addColumn('snils', 'text', (col) => col.unique().check(sql`snils ~ '^[0-9]{11}$'`))
    .addColumn('municipality_oktmo', 'text', (col) => col.notNull().references('municipality.oktmo'))
    .addColumn('registry_status', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`registry_status in ('POTENTIALLY_IN_NEED','REFERRED','IN_NEED','NOT_IN_NEED','CONSULTATION_ONLY','PROGRAMME_ACTIVE','COMPLETED','EXITED')`,
        ),
    )
    .addColumn('registered_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('child_family_idx').on('child').column('family_id').execute()
  await db.schema.createIndex('child_municipality_idx').on('child').columns(['municipality_oktmo', 'id']).execute()
  await db.schema.createIndex('child_registry_status_idx').on('child').columns(['registry_status', 'id']).execute()

  await db.schema
    .createTable('child_criterion')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull().references('child.id'))
    .addColumn('code', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`code in ('DISABLED_CHILD','HEALTH_GROUP_IV_V','ORPHAN_INSTITUTION','FAMILY_TJS','FAMILY_SOP','DEVELOPMENTAL_PARTICULARITY','PARENT_CONCERN','SCREENING_POSITIVE','GENETIC_DISORDER','OVZ_PMPK')`,
        ),
    )
    .addColumn('source', 'text', (col) => col.notNull().check(sql`source in ('SOCIAL','HEALTH','EDUCATION','NGO')`))
    .addColumn('evidence_document', 'text')
    .addColumn('evidence_date', 'date')
    .addColumn('valid_from', 'date', (col) => col.notNull())
    .addColumn('valid_to', 'date')
    .addCheckConstraint('child_criterion_validity', sql`valid_to is null or valid_to >= valid_from`)
    .execute()
  await db.schema.createIndex('child_criterion_child_idx').on('child_criterion').column('child_id').execute()
  await db.schema.createIndex('child_criterion_code_idx').on('child_criterion').columns(['code', 'child_id']).execute()

  await db.schema
    .createTable('provider')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('side', 'text', (col) => col.notNull().check(sql`side in ('SOCIAL','HEALTH','EDUCATION','NGO')`))
    .addColumn('inn', 'text', (col) =>
      col
        .notNull()
        .unique()
        .check(sql`inn ~ '^[0-9]{10}$'`),
    )
    .addColumn('ogrn', 'text', (col) =>
      col
        .notNull()
        .unique()
        .check(sql`ogrn ~ '^[0-9]{13}$'`),
    )
    .addColumn('municipality_oktmo', 'text', (col) => col.notNull().references('municipality.oktmo'))
    .addColumn('remote_delivery', 'boolean', (col) => col.notNull().defaultTo(false))
    .execute()
  await db.schema.createIndex('provider_municipality_idx').on('provider').column('municipality_oktmo').execute()

  await db.schema
    .createTable('service_type')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>) {
  for (const table of [
    'service_type',
    'provider',
    'child_criterion',
    'child',
    'family_situation',
    'legal_representative',
    'family',
    'municipality',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
