import type { Kysely } from 'kysely'

// The item of the child's ИПРП a session was delivered against. No foreign key: programmes live in social's database.
// Nullable: sessions recorded before the link have none; the API requires it of every new one.
export async function up(db: Kysely<any>) {
  await db.schema.alterTable('education_session').addColumn('programme_service_id', 'uuid').execute()
  await db.schema
    .createIndex('education_session_programme_service_idx')
    .on('education_session')
    .column('programme_service_id')
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('education_session_programme_service_idx').execute()
  await db.schema.alterTable('education_session').dropColumn('programme_service_id').execute()
}
