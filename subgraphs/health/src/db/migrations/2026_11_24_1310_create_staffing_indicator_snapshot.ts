import { sql, type Kysely } from 'kysely'

// Frozen in time: this file never imports application code. Every subgraph has this migration, each its own copy.
// The staffing part of each filed quarterly report, frozen by the side that computed it: one row per report and
// territory ('' for the region), the figures as the side returned them at filing. A trigger refuses any change.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('staffing_indicator_snapshot')
    .addColumn('report_id', 'uuid', (col) => col.notNull())
    .addColumn('territory', 'text', (col) => col.notNull())
    .addColumn('figures', 'jsonb', (col) => col.notNull())
    .addColumn('frozen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('staffing_indicator_snapshot_pkey', ['report_id', 'territory'])
    .execute()
  await sql`
    create function staffing_indicator_snapshot_frozen() returns trigger language plpgsql as $$
    begin
      raise exception '% is frozen: % refused', tg_table_name, tg_op;
    end
    $$
  `.execute(db)
  await sql`
    create trigger staffing_indicator_snapshot_no_change before update or delete on "staffing_indicator_snapshot"
    for each row execute function staffing_indicator_snapshot_frozen()
  `.execute(db)
  await sql`
    create trigger staffing_indicator_snapshot_no_truncate before truncate on "staffing_indicator_snapshot"
    for each statement execute function staffing_indicator_snapshot_frozen()
  `.execute(db)
}

export async function down(db: Kysely<any>) {
  await sql`drop function staffing_indicator_snapshot_frozen() cascade`.execute(db)
  await db.schema.dropTable('staffing_indicator_snapshot').execute()
}
