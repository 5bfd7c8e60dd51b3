import { sql, type Kysely } from 'kysely'
import { allowChanges, refuseChanges } from '../frozen-table.js'

/**
 * The staffing part of each filed quarterly report, frozen by the side that
 * computed it: one row per report and territory ('' for the region), the
 * figures as the side returned them at filing. A trigger refuses any change.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below any subgraph's table types
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('staffing_indicator_snapshot')
    .addColumn('report_id', 'uuid', (col) => col.notNull())
    .addColumn('territory', 'text', (col) => col.notNull())
    .addColumn('figures', 'jsonb', (col) => col.notNull())
    .addColumn('frozen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('staffing_indicator_snapshot_pkey', ['report_id', 'territory'])
    .execute()
  await refuseChanges(db, 'staffing_indicator_snapshot')
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work below any subgraph's table types
export async function down(db: Kysely<any>) {
  await allowChanges(db, 'staffing_indicator_snapshot')
  await db.schema.dropTable('staffing_indicator_snapshot').execute()
}
