import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code.

/**
 * What the ОКТМО import carries into the municipalities: whether one is remote (a region's own flag beside the
 * classifier) and the day it left the classifier (kept, so that old records still read it, but out of pick-lists);
 * and the children aged 0–3 of each municipality by year, as Росстат counts them, so that coverage of the population
 * can be computed.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('municipality')
    .addColumn('remote', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('retired_on', 'date')
    .execute()
  await db.schema
    .createTable('municipality_population')
    .addColumn('municipality_oktmo', 'text', (col) => col.notNull().references('municipality.oktmo'))
    .addColumn('year', 'integer', (col) => col.notNull().check(sql`year between 1990 and 2100`))
    .addColumn('children_0_3', 'integer', (col) => col.notNull().check(sql`children_0_3 >= 0`))
    .addPrimaryKeyConstraint('municipality_population_pk', ['municipality_oktmo', 'year'])
    .execute()
  await db.schema.createIndex('municipality_population_year_idx').on('municipality_population').column('year').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('municipality_population').execute()
  await db.schema.alterTable('municipality').dropColumn('retired_on').dropColumn('remote').execute()
}
