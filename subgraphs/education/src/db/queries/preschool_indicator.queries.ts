import { sql, type Kysely } from 'kysely'
import type { DB, PreschoolFigures } from '../database.js'

/**
 * Where the given children (social's: those in need who turned three in the period) stand in the preschool queue on
 * the period's last day: enrolled by then, else directed, else queued, else without an application. Enrolment is
 * dated; a direction or a place in the queue is the application's state today, applied for by the period's end.
 */
export async function countPreschoolPlacement(
  db: Kysely<DB>,
  childIds: readonly string[],
  to: string,
): Promise<PreschoolFigures> {
  const { rows } = await sql<{ placement: 'ENROLLED' | 'DIRECTED' | 'QUEUED' | 'NONE'; count: number }>`
    select placement, count(*)::int as count from (
      select case
        when exists (
          select 1 from preschool_application a where a.child_id = c.id and a.enrolled_on <= ${to}::date
        ) then 'ENROLLED'
        when exists (
          select 1 from preschool_application a
          where a.child_id = c.id and a.status = 'DIRECTED' and a.applied_on <= ${to}::date
        ) then 'DIRECTED'
        when exists (
          select 1 from preschool_application a
          where a.child_id = c.id and a.status = 'QUEUED' and a.applied_on <= ${to}::date
        ) then 'QUEUED'
        else 'NONE'
      end as placement
      from unnest(${[...childIds]}::uuid[]) as c(id)
    ) as placed
    group by placement
  `.execute(db)
  const count = (placement: string) => rows.find((row) => row.placement === placement)?.count ?? 0
  return {
    reachedThree: childIds.length,
    enrolled: count('ENROLLED'),
    directed: count('DIRECTED'),
    queued: count('QUEUED'),
    withoutPlacement: childIds.length - count('ENROLLED') - count('DIRECTED'),
  }
}

export async function findPreschoolSnapshot(db: Kysely<DB>, reportId: string, territory: string) {
  const row = await db
    .selectFrom('preschool_indicator_snapshot')
    .select('figures')
    .where('report_id', '=', reportId)
    .where('territory', '=', territory)
    .executeTakeFirst()
  return row?.figures ?? null
}

/** Stores a report's preschool part once; a second freeze of the same report and territory keeps the first. */
export async function insertPreschoolSnapshot(
  db: Kysely<DB>,
  reportId: string,
  territory: string,
  figures: PreschoolFigures,
) {
  await db
    .insertInto('preschool_indicator_snapshot')
    .values({ report_id: reportId, territory, figures: JSON.stringify(figures) })
    .onConflict((conflict) => conflict.columns(['report_id', 'territory']).doNothing())
    .execute()
}
