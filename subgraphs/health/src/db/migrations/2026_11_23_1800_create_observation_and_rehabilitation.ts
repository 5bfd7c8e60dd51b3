import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code, so the value lists below are copies on purpose.
// "Not in the future" is not a CHECK: it is a rule about the moment a fact is recorded, not an invariant of the row,
// and PostgreSQL assumes CHECK expressions are immutable (current_date is not).
const SPECIALTIES = [
  'PAEDIATRICS',
  'NEONATOLOGY',
  'NEUROLOGY',
  'PAEDIATRIC_CARDIOLOGY',
  'OPHTHALMOLOGY',
  'AUDIOLOGY_OTORHINOLARYNGOLOGY',
  'PAEDIATRIC_ENDOCRINOLOGY',
  'MEDICAL_GENETICS',
  'TRAUMATOLOGY_ORTHOPAEDICS',
  'PAEDIATRIC_SURGERY',
  'PSYCHIATRY',
  'PULMONOLOGY',
  'PHYSICAL_REHABILITATION_MEDICINE',
]
const END_REASONS = ['RECOVERED', 'STABLE_REMISSION', 'TRANSFERRED', 'REFUSED', 'DIED']
const MODES = ['IN_CENTRE', 'AT_HOME', 'REMOTE']
const ROLES = [
  'REHABILITATION_PHYSICIAN',
  'PHYSICAL_THERAPIST',
  'OCCUPATIONAL_THERAPIST',
  'SPEECH_THERAPIST',
  'MEDICAL_PSYCHOLOGIST',
  'EXERCISE_THERAPY_PHYSICIAN',
  'EXERCISE_THERAPY_INSTRUCTOR',
  'PHYSIOTHERAPIST',
  'NEUROLOGIST',
  'PAEDIATRICIAN',
  'REHABILITATION_NURSE',
  'MASSAGE_NURSE',
]

/** `column in ('A','B',…)` over the constant lists above, written into the DDL as literals. */
function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(',')})`)
}

export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('dispensary_observation')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // No foreign key: the registry of children lives in social's database.
    .addColumn('child_id', 'uuid', (col) => col.notNull())
    .addColumn('icd10_code', 'text', (col) => col.notNull().references('icd10_code.code'))
    .addColumn('specialty', 'text', (col) => col.notNull().check(oneOf('specialty', SPECIALTIES)))
    .addColumn('started_on', 'date', (col) => col.notNull())
    .addColumn('ended_on', 'date')
    .addColumn('end_reason', 'text', (col) => col.check(oneOf('end_reason', END_REASONS)))
    // An observation is ended with a date and a reason together, never one of them alone.
    .addCheckConstraint('dispensary_observation_end_check', sql`(ended_on is null) = (end_reason is null)`)
    .addCheckConstraint('dispensary_observation_period_check', sql`ended_on is null or ended_on >= started_on`)
    .execute()
  await db.schema
    .createIndex('dispensary_observation_child_idx')
    .on('dispensary_observation')
    .column('child_id')
    .execute()
  await db.schema
    .createIndex('dispensary_observation_icd10_idx')
    .on('dispensary_observation')
    .column('icd10_code')
    .execute()
  // One open observation per child, disease and observing specialty: a second one is a duplicate, not a new fact.
  await db.schema
    .createIndex('dispensary_observation_open_key')
    .on('dispensary_observation')
    .columns(['child_id', 'icd10_code', 'specialty'])
    .unique()
    .where(sql<boolean>`ended_on is null`)
    .execute()

  await db.schema
    .createTable('rehabilitation_episode')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('child_id', 'uuid', (col) => col.notNull())
    .addColumn('organisation', 'text', (col) =>
      col.notNull().check(sql`btrim(organisation) <> '' and char_length(organisation) <= 300`),
    )
    .addColumn('goal', 'text', (col) => col.notNull().check(sql`btrim(goal) <> '' and char_length(goal) <= 2000`))
    .addColumn('started_on', 'date', (col) => col.notNull())
    .addColumn('ended_on', 'date')
    .addCheckConstraint('rehabilitation_episode_period_check', sql`ended_on is null or ended_on >= started_on`)
    .execute()
  await db.schema
    .createIndex('rehabilitation_episode_child_idx')
    .on('rehabilitation_episode')
    .column('child_id')
    .execute()

  await db.schema
    .createTable('rehabilitation_session')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('episode_id', 'uuid', (col) => col.notNull().references('rehabilitation_episode.id'))
    .addColumn('held_on', 'date', (col) => col.notNull())
    .addColumn('duration_minutes', 'integer', (col) => col.notNull().check(sql`duration_minutes between 1 and 480`))
    .addColumn('mode', 'text', (col) => col.notNull().check(oneOf('mode', MODES)))
    .addColumn('specialist_role', 'text', (col) => col.notNull().check(oneOf('specialist_role', ROLES)))
    .addColumn('attended', 'boolean', (col) => col.notNull())
    .addColumn('cancellation_reason', 'text', (col) => col.check(sql`char_length(cancellation_reason) <= 500`))
    // A cancelled session says why; an attended one has nothing to explain.
    .addCheckConstraint(
      'rehabilitation_session_cancellation_check',
      sql`(attended and cancellation_reason is null) or (not attended and cancellation_reason is not null and btrim(cancellation_reason) <> '')`,
    )
    .execute()
  await db.schema
    .createIndex('rehabilitation_session_episode_idx')
    .on('rehabilitation_session')
    .columns(['episode_id', 'held_on'])
    .execute()
}

export async function down(db: Kysely<any>) {
  for (const table of ['rehabilitation_session', 'rehabilitation_episode', 'dispensary_observation']) {
    await db.schema.dropTable(table).execute()
  }
}
