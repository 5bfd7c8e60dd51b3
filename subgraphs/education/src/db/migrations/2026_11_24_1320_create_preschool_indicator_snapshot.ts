import { sql, type Kysely } from 'kysely'
import { allowChanges, refuseChanges } from '@hub/side-contract/frozen-table'

// Education's preschool part of each filed quarterly report, frozen at filing like its staffing part: one row per
// report and territory ('' for the region). A trigger refuses any change.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('preschool_indicator_snapshot')
    .addColumn('report_id', 'uuid', (col) => col.notNull())
    .addColumn('territory', 'text', (col) => col.notNull())
    .addColumn('figures', 'jsonb', (col) => col.notNull())
    .addColumn('frozen_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('preschool_indicator_snapshot_pkey', ['report_id', 'territory'])
    .execute()
  await refuseChanges(db, 'preschool_indicator_snapshot')
}

export async function down(db: Kysely<any>) {
  await allowChanges(db, 'preschool_indicator_snapshot')
  await db.schema.dropTable('preschool_indicator_snapshot').execute()
}
