import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. The kit's versioned dictionaries (every subgraph that
// keeps dictionaries has its own copy of these tables); education keeps the kindergartens and their early-help units
// in them.

/**
 * The versioned dictionaries: `reference_entry` holds every code a dictionary has ever held with its latest state
 * (never deleted, so that an old record's code still reads), `reference_entry_version` its history (in force from
 * `valid_from`, null meaning since before the hub knew it, to the day before `valid_to`), `reference_import` the
 * applied imports.
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
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('reference_entry_version').execute()
  await db.schema.dropTable('reference_entry').execute()
  await db.schema.dropTable('reference_import').execute()
}
