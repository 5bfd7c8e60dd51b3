import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. Social and education have this migration, each its own
// copy. Social's row also keeps the file's name as uploaded and the uploader's name; this one keeps neither, since no
// name of a person may be stored outside social.

/**
 * Files attached to a side's own records (signed scans): one row per file, with what was checked of its content and
 * where the bytes are. `content` holds them when the side keeps them in its database; `object_key` names them in the
 * side's object store otherwise. Rows are never updated: a record's history of scans stays as it was uploaded.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('attachment')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('record_id', 'uuid', (column) => column.notNull())
    .addColumn('child_id', 'uuid', (column) => column.notNull())
    .addColumn('media_type', 'text', (column) => column.notNull())
    .addColumn('size', 'integer', (column) => column.notNull().check(sql`size > 0`))
    .addColumn('sha256', 'text', (column) => column.notNull())
    .addColumn('content', 'bytea')
    .addColumn('object_key', 'text')
    .addColumn('uploaded_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('uploaded_by', 'text', (column) => column.notNull())
    .addColumn('uploaded_by_side', 'text')
    .addColumn('uploaded_by_organisation', 'text')
    .addCheckConstraint('attachment_stored_once', sql`(content is null) <> (object_key is null)`)
    .execute()
  await db.schema.createIndex('attachment_record_id_idx').on('attachment').column('record_id').execute()
  await db.schema.createIndex('attachment_child_id_idx').on('attachment').column('child_id').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('attachment').execute()
}
