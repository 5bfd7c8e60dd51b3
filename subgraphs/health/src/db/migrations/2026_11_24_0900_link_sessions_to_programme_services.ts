import type { Kysely } from 'kysely'

// The item of the child's ИПРП a session was delivered against. No foreign key: programmes live in social's database.
// Nullable: sessions recorded before the link have none, and medical rehabilitation outside an ИПРП never has one.
export async function up(db: Kysely<any>) {
  await db.schema.alterTable('rehabilitation_session').addColumn('programme_service_id', 'uuid').execute()
  await db.schema
    .createIndex('rehabilitation_session_programme_service_idx')
    .on('rehabilitation_session')
    .column('programme_service_id')
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('rehabilitation_session_programme_service_idx').execute()
  await db.schema.alterTable('rehabilitation_session').dropColumn('programme_service_id').execute()
}
