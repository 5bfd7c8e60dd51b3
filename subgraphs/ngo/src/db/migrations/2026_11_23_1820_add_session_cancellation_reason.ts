import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code, so the value list below is a copy on purpose.
const REASONS = sql.raw(
  "'CHILD_ILL','FAMILY_REQUEST','FAMILY_NO_SHOW','SPECIALIST_UNAVAILABLE','PROVIDER_ORGANISATIONAL','OTHER'",
)

export async function up(db: Kysely<any>) {
  // A closed list rather than free text: a typed reason ("ill with …") would carry health data into a database
  // that must not hold it. Sessions recorded before this migration were cancelled without a recorded reason, so
  // "a cancelled session has a reason" is enforced when recording, not by a CHECK; a reason on an attended
  // session is wrong at any time.
  await db.schema
    .alterTable('ngo_session')
    .addColumn('cancellation_reason', 'text', (col) => col.check(sql`cancellation_reason in (${REASONS})`))
    .execute()
  await db.schema
    .alterTable('ngo_session')
    .addCheckConstraint('ngo_session_reason_only_when_cancelled', sql`not attended or cancellation_reason is null`)
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('ngo_session').dropConstraint('ngo_session_reason_only_when_cancelled').execute()
  await db.schema.alterTable('ngo_session').dropColumn('cancellation_reason').execute()
}
