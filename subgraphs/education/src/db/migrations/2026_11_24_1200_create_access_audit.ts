import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. Every subgraph has this migration, each its own copy.

/**
 * The access audit: one row per caller, child and request that read
 * personal data. Append-only at the database level: a trigger refuses
 * every UPDATE, DELETE and TRUNCATE, whoever sends it.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('access_audit')
    .addColumn('id', 'bigint', (column) => column.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('read_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('side', 'text')
    .addColumn('organisation', 'text')
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('child_id', 'uuid', (column) => column.notNull())
    .addColumn('categories', sql`text[]`, (column) => column.notNull())
    .addColumn('operation', 'text')
    .addColumn('purpose', 'text', (column) => column.notNull())
    .execute()
  await db.schema.createIndex('access_audit_child_id_idx').on('access_audit').columns(['child_id', 'read_at']).execute()
  await db.schema.createIndex('access_audit_subject_idx').on('access_audit').columns(['subject', 'read_at']).execute()
  await db.schema.createIndex('access_audit_read_at_idx').on('access_audit').column('read_at').execute()
  await sql`
    create function access_audit_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'access_audit is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end
    $$
  `.execute(db)
  await sql`
    create trigger access_audit_no_change before update or delete on access_audit
    for each row execute function access_audit_append_only()
  `.execute(db)
  await sql`
    create trigger access_audit_no_truncate before truncate on access_audit
    for each statement execute function access_audit_append_only()
  `.execute(db)
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('access_audit').execute()
  await sql`drop function access_audit_append_only()`.execute(db)
}
