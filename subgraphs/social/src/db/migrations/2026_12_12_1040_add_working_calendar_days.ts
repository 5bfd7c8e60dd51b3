import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code.

/**
 * The production calendar's working days that are not ordinary ones, beside the non-working days of
 * `non_working_day`: a shortened pre-holiday day, and a Saturday or Sunday made a working day by a transfer (the
 * deadline clocks count it). A write notifies the live indicators, which count working days too.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('working_calendar_day')
    .addColumn('day', 'date', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('SHORTENED','WORKING_WEEKEND')`))
    .addColumn('note', 'text')
    .execute()
  await sql`
    create trigger working_calendar_day_figures_changed
    after insert or update or delete or truncate on working_calendar_day
    for each statement execute function notify_figures_changed()
  `.execute(db)
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('working_calendar_day').execute()
}
