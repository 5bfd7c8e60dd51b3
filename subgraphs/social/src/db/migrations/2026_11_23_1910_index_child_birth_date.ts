import type { Kysely } from 'kysely'

// Frozen in time: the transition notice list filters children by birth date.
export async function up(db: Kysely<any>) {
  await db.schema.createIndex('child_birth_date_idx').on('child').column('birth_date').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('child_birth_date_idx').execute()
}
