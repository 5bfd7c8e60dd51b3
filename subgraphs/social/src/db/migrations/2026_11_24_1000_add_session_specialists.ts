import type { Kysely } from 'kysely'

// Frozen in time: this file never imports application code. The specialist who gave a session (its role was already
// recorded): a foreign key to this side's own specialists, nullable because sessions recorded earlier name none and
// naming one stays optional.
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('social_session')
    .addColumn('specialist_id', 'uuid', (col) => col.references('specialist.id'))
    .execute()
  await db.schema.createIndex('social_session_specialist_idx').on('social_session').column('specialist_id').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('social_session').dropColumn('specialist_id').execute()
}
