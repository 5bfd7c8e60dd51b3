import { sql, type Kysely } from 'kysely'

// Frozen in time: a region's existing registry brought in from its spreadsheet, in batches of rows. The job keeps the
// file's SHA-256 and how many of its rows are done, so that the same file sent again continues where it stopped;
// each row keeps what became of it (created, merged into a record already on the registry, or refused with its
// errors), so that the error report can be read again after the import.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('registry_import')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('file_sha256', 'text', (col) => col.notNull().check(sql`file_sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('total_rows', 'integer', (col) => col.notNull().check(sql`total_rows > 0`))
    .addColumn('rows_done', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('merged', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('refused', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('started_by', 'text', (col) => col.notNull())
    .addColumn('started_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addCheckConstraint('registry_import_progress', sql`rows_done between 0 and total_rows`)
    .execute()
  // One unfinished job per file: sending the same file again resumes it.
  await db.schema
    .createIndex('registry_import_unfinished_file_idx')
    .on('registry_import')
    .column('file_sha256')
    .unique()
    .where(sql.ref('finished_at'), 'is', null)
    .execute()
  await db.schema
    .createTable('registry_import_row')
    .addColumn('import_id', 'uuid', (col) => col.notNull().references('registry_import.id'))
    .addColumn('line', 'integer', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull().check(sql`outcome in ('CREATED','MERGED','REFUSED')`))
    .addColumn('child_id', 'uuid', (col) => col.references('child.id'))
    .addColumn('errors', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addPrimaryKeyConstraint('registry_import_row_pkey', ['import_id', 'line'])
    .addCheckConstraint('registry_import_row_child', sql`(outcome = 'REFUSED') = (child_id is null)`)
    .execute()
  await db.schema.createIndex('registry_import_row_child_idx').on('registry_import_row').column('child_id').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('registry_import_row').execute()
  await db.schema.dropTable('registry_import').execute()
}
