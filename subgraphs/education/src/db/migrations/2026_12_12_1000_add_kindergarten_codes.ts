import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code, so the list of group focuses below is a copy on purpose.
const GROUP_FOCUSES = ['GENERAL', 'COMPENSATORY', 'COMBINED', 'HEALTH_IMPROVING']

/** A code as the education department's file gives it: letters, digits, dot, hyphen or underscore, no slash. */
const CODE = '^[0-9A-Za-zА-ЯЁа-яё._-]{1,32}$'

/**
 * What the education department's file of preschool organisations keeps: each kindergarten's code (the department's
 * code or its ИНН), address and the day it closed (a closed one stays for the records that name it); its groups; and
 * each early-help unit's code within its kindergarten, the day it opened and the day it closed. Records made before
 * the file have no code.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('kindergarten')
    .addColumn('code', 'text', (col) => col.unique().check(sql.raw(`code ~ '${CODE}'`)))
    .addColumn('address', 'text', (col) => col.check(sql`char_length(address) <= 500`))
    .addColumn('closed_on', 'date')
    .execute()

  await db.schema
    .createTable('kindergarten_group')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kindergarten_id', 'uuid', (col) => col.notNull().references('kindergarten.id'))
    .addColumn('code', 'text', (col) => col.notNull().check(sql.raw(`code ~ '${CODE}'`)))
    .addColumn('title', 'text', (col) => col.notNull().check(sql`btrim(title) <> '' and char_length(title) <= 300`))
    .addColumn('age_from_months', 'integer', (col) => col.notNull().check(sql`age_from_months between 0 and 96`))
    .addColumn('age_to_months', 'integer', (col) => col.notNull().check(sql`age_to_months between 1 and 96`))
    .addColumn('focus', 'text', (col) =>
      col.notNull().check(sql.raw(`focus in (${GROUP_FOCUSES.map((focus) => `'${focus}'`).join(',')})`)),
    )
    .addColumn('places', 'integer', (col) => col.notNull().check(sql`places between 1 and 500`))
    .addColumn('closed_on', 'date')
    .addUniqueConstraint('kindergarten_group_code_key', ['kindergarten_id', 'code'])
    .addCheckConstraint('kindergarten_group_ages_check', sql`age_from_months < age_to_months`)
    .execute()

  await db.schema
    .alterTable('early_help_unit')
    .addColumn('code', 'text', (col) => col.check(sql.raw(`code ~ '${CODE}'`)))
    .addColumn('opened_on', 'date')
    .addColumn('closed_on', 'date')
    .execute()
  await db.schema
    .createIndex('early_help_unit_code_key')
    .on('early_help_unit')
    .columns(['kindergarten_id', 'code'])
    .unique()
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('early_help_unit_code_key').execute()
  for (const column of ['closed_on', 'opened_on', 'code']) {
    await db.schema.alterTable('early_help_unit').dropColumn(column).execute()
  }
  await db.schema.dropTable('kindergarten_group').execute()
  for (const column of ['closed_on', 'address', 'code']) {
    await db.schema.alterTable('kindergarten').dropColumn(column).execute()
  }
}
