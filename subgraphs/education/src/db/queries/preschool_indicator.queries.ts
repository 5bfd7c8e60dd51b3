import { sql, type Kysely } from 'kysely'
import { childrenPlaced, type PreschoolPlacement } from '@hub/side-contract/preschool'
import type { DB, PreschoolChildren, PreschoolFigures } from '../database.js'

/**
 * Where the given children (social's: those in need who turned three in the period) stand in the preschool queue on
 * the period's last day: enrolled by then, else directed, else queued, else without an application. Enrolment is
 * dated; a direction or a place in the queue is the application's state today, applied for by the period's end.
 */
export async function placePreschoolChildren(
  db: Kysely<DB>,
  childIds: readonly string[],
  to: string,
): Promise<PreschoolChildren> {
  const { rows } = await sql<{ child_id: string; placement: keyof PreschoolChildren }>`
    select c.id as child_id, case
      when exists (
        select 1 from preschool_application a where a.child_id = c.id and a.enrolled_on <= ${to}::date
      ) then 'enrolled'
      when exists (
        select 1 from preschool_application a
        where a.child_id = c.id and a.status = 'DIRECTED' and a.applied_on <= ${to}::date
      ) then 'directed'
      when exists (
        select 1 from preschool_application a
        where a.child_id = c.id and a.status = 'QUEUED' and a.applied_on <= ${to}::date
      ) then 'queued'
      else 'none'
    end as placement
    from unnest(${[...new Set(childIds)]}::uuid[]) as c(id)
    order by c.id
  `.execute(db)
  const children: PreschoolChildren = { enrolled: [], directed: [], queued: [], none: [] }
  for (const row of rows) children[row.placement].push(row.child_id)
  return children
}

/** The preschool figures of the children placed: not enrolled and not directed counts as without a placement. */
export function preschoolFigures(children: PreschoolChildren): PreschoolFigures {
  const count = (placement: PreschoolPlacement) => childrenPlaced(children, placement).length
  return {
    reachedThree: count('REACHED_THREE'),
    enrolled: count('ENROLLED'),
    directed: count('DIRECTED'),
    queued: count('QUEUED'),
    withoutPlacement: count('WITHOUT_PLACEMENT'),
  }
}

export async function findPreschoolSnapshot(db: Kysely<DB>, reportId: string, territory: string) {
  const row = await db
    .selectFrom('preschool_indicator_snapshot')
    .select(['figures', 'children'])
    .where('report_id', '=', reportId)
    .where('territory', '=', territory)
    .executeTakeFirst()
  return row ?? null
}

/** Stores a report's preschool part once; a second freeze of the same report and territory keeps the first. */
export async function insertPreschoolSnapshot(
  db: Kysely<DB>,
  reportId: string,
  territory: string,
  children: PreschoolChildren,
) {
  await db
    .insertInto('preschool_indicator_snapshot')
    .values({
      report_id: reportId,
      territory,
      figures: JSON.stringify(preschoolFigures(children)),
      children: JSON.stringify(children),
    })
    .onConflict((conflict) => conflict.columns(['report_id', 'territory']).doNothing())
    .execute()
}
