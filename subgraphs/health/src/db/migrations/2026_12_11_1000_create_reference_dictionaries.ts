import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. The three tables are the kit's versioned dictionaries
// (every subgraph that keeps dictionaries has its own copy of them); the rest moves health's МКБ-10 onto them.

/**
 * The versioned dictionaries: `reference_entry` holds every code a dictionary has ever held with its latest state
 * (never deleted, so that an old record's code still reads), `reference_entry_version` its history (in force from
 * `valid_from`, null meaning since before the hub knew it, to the day before `valid_to`), `reference_import` the
 * applied imports. The 35 МКБ-10 codes of the first migration become the dictionary's first version; a diagnosis and
 * an observation now point at the dictionary's entry, and `icd10_code` becomes a view of the МКБ-10 entries.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('reference_import')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('file_name', 'text', (col) => col.notNull().check(sql`char_length(file_name) between 1 and 255`))
    .addColumn('sha256', 'text', (col) => col.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('imported_by', 'text', (col) => col.notNull())
    .addColumn('imported_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('valid_from', 'date', (col) => col.notNull())
    .addColumn('added', 'integer', (col) => col.notNull().check(sql`added >= 0`))
    .addColumn('changed', 'integer', (col) => col.notNull().check(sql`changed >= 0`))
    .addColumn('retired', 'integer', (col) => col.notNull().check(sql`retired >= 0`))
    .addColumn('unchanged', 'integer', (col) => col.notNull().check(sql`unchanged >= 0`))
    .execute()
  await db.schema
    .createIndex('reference_import_kind_idx')
    .on('reference_import')
    .columns(['kind', 'imported_at'])
    .execute()

  await db.schema
    .createTable('reference_entry')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('code', 'text', (col) => col.notNull().check(sql`char_length(code) between 1 and 64`))
    .addColumn('name', 'text', (col) => col.notNull().check(sql`char_length(name) >= 1`))
    .addColumn('parent_code', 'text')
    .addColumn('active', 'boolean', (col) => col.notNull())
    .addPrimaryKeyConstraint('reference_entry_pkey', ['kind', 'code'])
    .execute()

  await db.schema
    .createTable('reference_entry_version')
    .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .addColumn('import_id', 'uuid', (col) => col.references('reference_import.id'))
    .addForeignKeyConstraint('reference_entry_version_entry_fkey', ['kind', 'code'], 'reference_entry', [
      'kind',
      'code',
    ])
    .addCheckConstraint(
      'reference_entry_version_period_check',
      sql`valid_from is null or valid_to is null or valid_to >= valid_from`,
    )
    .execute()
  await db.schema
    .createIndex('reference_entry_version_entry_idx')
    .on('reference_entry_version')
    .columns(['kind', 'code', 'valid_from'])
    .execute()
  await db.schema
    .createIndex('reference_entry_version_import_idx')
    .on('reference_entry_version')
    .column('import_id')
    .execute()

  await sql`insert into reference_entry (kind, code, name, parent_code, active)
    select 'icd10', code, name, null, true from icd10_code`.execute(db)
  await sql`insert into reference_entry_version (kind, code, name, parent_code, valid_from, valid_to)
    select 'icd10', code, name, null, null, null from icd10_code`.execute(db)

  for (const table of ['diagnosis', 'dispensary_observation']) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_icd10_code_fkey`)}`.execute(db)
    await sql`alter table ${sql.table(table)} add column icd10_kind text not null generated always as ('icd10') stored`.execute(
      db,
    )
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_icd10_code_fkey`)}
      foreign key (icd10_kind, icd10_code) references reference_entry (kind, code)`.execute(db)
  }
  // The index of each foreign key leads with its columns: the kind and the code now.
  await db.schema.dropIndex('diagnosis_icd10_idx').execute()
  await db.schema.createIndex('diagnosis_icd10_idx').on('diagnosis').columns(['icd10_kind', 'icd10_code']).execute()
  await db.schema.dropIndex('dispensary_observation_icd10_idx').execute()
  await db.schema
    .createIndex('dispensary_observation_icd10_idx')
    .on('dispensary_observation')
    .columns(['icd10_kind', 'icd10_code'])
    .execute()
  await db.schema.dropTable('icd10_code').execute()
  await sql`create view icd10_code as
    select code, name, parent_code, active from reference_entry where kind = 'icd10'`.execute(db)
}

export async function down(db: Kysely<any>) {
  await sql`drop view icd10_code`.execute(db)
  await db.schema
    .createTable('icd10_code')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .execute()
  await sql`insert into icd10_code (code, name)
    select code, name from reference_entry where kind = 'icd10'`.execute(db)
  for (const table of ['diagnosis', 'dispensary_observation']) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_icd10_code_fkey`)}`.execute(db)
    // Dropping the kind drops its index too; the code's own comes back as it was.
    await sql`alter table ${sql.table(table)} drop column icd10_kind`.execute(db)
    await db.schema.createIndex(`${table}_icd10_idx`).on(table).column('icd10_code').execute()
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_icd10_code_fkey`)}
      foreign key (icd10_code) references icd10_code (code)`.execute(db)
  }
  await db.schema.dropTable('reference_entry_version').execute()
  await db.schema.dropTable('reference_entry').execute()
  await db.schema.dropTable('reference_import').execute()
}
