import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. A filed quarterly report keeps its figures as they were at
// filing: one row per territory (the region as '', or a municipality's ОКТМО), figure and key, with the count and the
// children behind it for the drill-down. Neither the report nor its figures change afterwards; a trigger refuses it,
// as for the access audit.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('quarterly_report')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('quarter', 'integer', (col) => col.notNull().check(sql`quarter between 1 and 4`))
    .addColumn('period_from', 'date', (col) => col.notNull())
    .addColumn('period_to', 'date', (col) => col.notNull())
    .addColumn('definition_version', 'text', (col) => col.notNull())
    .addColumn('coverage_rule', 'text', (col) =>
      col.notNull().check(sql`coverage_rule in ('PROGRAMME_IN_FORCE','ANY_SERVICE')`),
    )
    .addColumn('filed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('filed_by_side', 'text', (col) => col.notNull())
    .addColumn('filed_by_organisation', 'text')
    .addColumn('filed_by_subject', 'text', (col) => col.notNull())
    // The region's municipalities when filed: the report's rows, whatever municipalities are added later.
    .addColumn('municipalities', sql`text[]`, (col) => col.notNull())
    .addUniqueConstraint('quarterly_report_once', ['year', 'quarter', 'definition_version', 'coverage_rule'])
    .execute()
  await db.schema
    .createTable('indicator_snapshot')
    .addColumn('report_id', 'uuid', (col) => col.notNull().references('quarterly_report.id'))
    .addColumn('territory', 'text', (col) => col.notNull())
    .addColumn('figure', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addColumn('child_ids', sql`uuid[]`, (col) => col.notNull())
    .addPrimaryKeyConstraint('indicator_snapshot_pkey', ['report_id', 'territory', 'figure', 'key'])
    .execute()
  // A filed row refuses UPDATE, DELETE and TRUNCATE, naming the table.
  await sql`
    create function quarterly_report_frozen() returns trigger language plpgsql as $$
    begin
      raise exception '% is frozen: % refused', tg_table_name, tg_op;
    end
    $$
  `.execute(db)
  await sql`
    create trigger quarterly_report_no_change before update or delete on "quarterly_report"
    for each row execute function quarterly_report_frozen()
  `.execute(db)
  await sql`
    create trigger quarterly_report_no_truncate before truncate on "quarterly_report"
    for each statement execute function quarterly_report_frozen()
  `.execute(db)
  await sql`
    create function indicator_snapshot_frozen() returns trigger language plpgsql as $$
    begin
      raise exception '% is frozen: % refused', tg_table_name, tg_op;
    end
    $$
  `.execute(db)
  await sql`
    create trigger indicator_snapshot_no_change before update or delete on "indicator_snapshot"
    for each row execute function indicator_snapshot_frozen()
  `.execute(db)
  await sql`
    create trigger indicator_snapshot_no_truncate before truncate on "indicator_snapshot"
    for each statement execute function indicator_snapshot_frozen()
  `.execute(db)
}

export async function down(db: Kysely<any>) {
  await sql`drop function indicator_snapshot_frozen() cascade`.execute(db)
  await sql`drop function quarterly_report_frozen() cascade`.execute(db)
  await db.schema.dropTable('indicator_snapshot').execute()
  await db.schema.dropTable('quarterly_report').execute()
}
