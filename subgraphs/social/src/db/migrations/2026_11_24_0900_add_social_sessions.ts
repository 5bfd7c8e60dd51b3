import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code, so the value lists below are copies on purpose.
// "Not in the future" and "not before the programme was signed" are not CHECKs: they are rules about the moment a
// session is recorded and about another table, not invariants of the row.
const MODES = ['IN_CENTRE', 'AT_HOME', 'GROUP', 'REMOTE']
const ROLES = [
  'SOCIAL_WORKER',
  'PSYCHOLOGIST',
  'DEFECTOLOGIST',
  'SPEECH_THERAPIST',
  'ADAPTIVE_PE_INSTRUCTOR',
  'PAEDIATRICIAN',
  'NEONATOLOGIST',
  'NEUROLOGIST',
  'OCCUPATIONAL_THERAPIST',
  'TYPHLOPEDAGOGUE',
  'SURDOPEDAGOGUE',
  'EDUCATOR',
  'NURSE',
]
const CANCELLATION_REASONS = [
  'CHILD_ILL',
  'FAMILY_REQUEST',
  'FAMILY_NO_SHOW',
  'SPECIALIST_UNAVAILABLE',
  'ORGANISATION_CLOSED',
  'OTHER',
]

/** `column in ('A','B',…)` over the constant lists above, written into the DDL as literals. */
function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(',')})`)
}

export async function up(db: Kysely<any>) {
  // A session of social's own centres, always against an item of the child's ИПРП: the child, the provider and the
  // service are the item's, so they are not repeated here.
  await db.schema
    .createTable('social_session')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('programme_service_id', 'uuid', (col) => col.notNull().references('programme_service.id'))
    .addColumn('delivered_on', 'date', (col) => col.notNull())
    .addColumn('duration_minutes', 'integer', (col) => col.notNull().check(sql`duration_minutes between 1 and 480`))
    .addColumn('mode', 'text', (col) => col.notNull().check(oneOf('mode', MODES)))
    .addColumn('specialist_role', 'text', (col) => col.notNull().check(oneOf('specialist_role', ROLES)))
    .addColumn('attended', 'boolean', (col) => col.notNull())
    .addColumn('cancellation_reason', 'text', (col) => col.check(oneOf('cancellation_reason', CANCELLATION_REASONS)))
    // A cancelled session says why; an attended one has nothing to explain.
    .addCheckConstraint(
      'social_session_cancellation_check',
      sql`(attended and cancellation_reason is null) or (not attended and cancellation_reason is not null)`,
    )
    .execute()
  await db.schema
    .createIndex('social_session_programme_service_idx')
    .on('social_session')
    .column('programme_service_id')
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('social_session').execute()
}
