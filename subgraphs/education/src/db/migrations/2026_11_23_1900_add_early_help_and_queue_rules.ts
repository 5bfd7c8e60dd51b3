import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code, so the value lists below are copies on purpose.
// "Not in the future" is not a CHECK: it is a rule about the moment a fact is recorded, not an invariant of the row,
// and PostgreSQL assumes CHECK expressions are immutable (current_date is not).
const UNIT_KINDS = ['CONSULTATION_POINT', 'LEKOTEKA', 'SHORT_STAY_GROUP', 'EARLY_HELP_SERVICE']
const MODES = ['IN_CENTRE', 'AT_HOME', 'GROUP', 'REMOTE']
const CANCELLATION_REASONS = [
  'CHILD_ILL',
  'FAMILY_REQUEST',
  'FAMILY_NO_SHOW',
  'SPECIALIST_UNAVAILABLE',
  'ORGANISATION_CLOSED',
  'OTHER',
]
const WITHDRAWAL_REASONS = ['PARENTS_REQUEST', 'MOVED_AWAY', 'PLACED_ELSEWHERE', 'FAMILY_EDUCATION', 'OTHER']

/** `column in ('A','B',…)` over the constant lists above, written into the DDL as literals. */
function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(',')})`)
}

export async function up(db: Kysely<any>) {
  // A unit is an organisation's, not a person's: its title is no personal data. Called `title` and not `name` so that
  // the identity-columns guard keeps meaning "no column of this database names a person".
  await db.schema
    .createTable('early_help_unit')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kindergarten_id', 'uuid', (col) => col.notNull().references('kindergarten.id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(oneOf('kind', UNIT_KINDS)))
    .addColumn('title', 'text', (col) => col.notNull().check(sql`btrim(title) <> '' and char_length(title) <= 300`))
    .execute()
  await db.schema
    .createIndex('early_help_unit_kindergarten_idx')
    .on('early_help_unit')
    .column('kindergarten_id')
    .execute()

  await db.schema
    .createTable('education_session')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // No foreign key: the registry of children lives in social's database, and so does the service catalogue.
    .addColumn('child_id', 'uuid', (col) => col.notNull())
    .addColumn('unit_id', 'uuid', (col) => col.notNull().references('early_help_unit.id'))
    .addColumn('service_code', 'text', (col) => col.notNull().check(sql`service_code ~ '^[A-Za-z0-9_.-]{1,64}$'`))
    .addColumn('delivered_on', 'date', (col) => col.notNull())
    .addColumn('duration_minutes', 'integer', (col) => col.notNull().check(sql`duration_minutes between 1 and 480`))
    .addColumn('mode', 'text', (col) => col.notNull().check(oneOf('mode', MODES)))
    .addColumn('attended', 'boolean', (col) => col.notNull())
    .addColumn('cancellation_reason', 'text', (col) => col.check(oneOf('cancellation_reason', CANCELLATION_REASONS)))
    // A cancelled session says why; an attended one has nothing to explain.
    .addCheckConstraint(
      'education_session_cancellation_check',
      sql`(attended and cancellation_reason is null) or (not attended and cancellation_reason is not null)`,
    )
    .execute()
  await db.schema.createIndex('education_session_child_idx').on('education_session').column('child_id').execute()
  await db.schema.createIndex('education_session_unit_idx').on('education_session').column('unit_id').execute()

  // Applications withdrawn before reasons were kept have none; a reason belongs to a withdrawn application only.
  await db.schema
    .alterTable('preschool_application')
    .addColumn('withdrawal_reason', 'text', (col) => col.check(oneOf('withdrawal_reason', WITHDRAWAL_REASONS)))
    .execute()
  await db.schema
    .alterTable('preschool_application')
    .addCheckConstraint(
      'preschool_application_withdrawal_check',
      sql`withdrawal_reason is null or status = 'WITHDRAWN'`,
    )
    .execute()
  // One application in force per child (in the queue or directed): a second would hold two places in the queue.
  await db.schema
    .createIndex('preschool_application_active_key')
    .on('preschool_application')
    .column('child_id')
    .unique()
    .where(sql<boolean>`status in ('QUEUED','DIRECTED')`)
    .execute()

  // A commission numbers its conclusions once: the same number again is the same conclusion entered twice.
  await db.schema
    .createIndex('pmpk_conclusion_number_key')
    .on('pmpk_conclusion')
    .columns(['commission', 'number'])
    .unique()
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('pmpk_conclusion_number_key').execute()
  await db.schema.dropIndex('preschool_application_active_key').execute()
  await db.schema.alterTable('preschool_application').dropConstraint('preschool_application_withdrawal_check').execute()
  await db.schema.alterTable('preschool_application').dropColumn('withdrawal_reason').execute()
  for (const table of ['education_session', 'early_help_unit']) {
    await db.schema.dropTable(table).execute()
  }
}
