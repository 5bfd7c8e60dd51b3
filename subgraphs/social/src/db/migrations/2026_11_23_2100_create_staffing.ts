import type { Kysely } from 'kysely'
import { createStaffingTables, dropStaffingTables } from '@hub/side-contract/staffing/migration'

// The staffing tables are the same on every side, so their statements are written once in the kit. That function is
// frozen in time like this file: what it runs never changes, and a later change to the tables is a new migration.
export async function up(db: Kysely<any>) {
  await createStaffingTables(db)
  // Only here does the registry of providers share the database with the specialists, so only here can a foreign key
  // hold them to it.
  await db.schema
    .alterTable('specialist')
    .addForeignKeyConstraint('specialist_provider_fk', ['provider_id'], 'provider', ['id'])
    .execute()
}

export async function down(db: Kysely<any>) {
  await dropStaffingTables(db)
}
