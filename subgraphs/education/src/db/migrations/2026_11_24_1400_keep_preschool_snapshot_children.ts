import type { Kysely } from 'kysely'

// The children behind each preschool figure of a filed report, so the figure drills down to the same children however
// the queue changes later. Reports filed before this keep only their counts (null here).
export async function up(db: Kysely<any>) {
  await db.schema.alterTable('preschool_indicator_snapshot').addColumn('children', 'jsonb').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('preschool_indicator_snapshot').dropColumn('children').execute()
}
