import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely'
import { anyText, anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { ChildCriterionTable, ChildTable, DB } from '../database.js'

export type ChildRow = Awaited<ReturnType<typeof findChildrenByIds>>[number]

export interface ChildFilter {
  municipalityOktmo?: readonly string[]
  registryStatus?: readonly Selectable<ChildTable>['registry_status'][]
  criterion?: readonly Selectable<ChildCriterionTable>['code'][]
}

export function findChildrenByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('child').select(columns.child).where('child.id', '=', anyUuid(ids)).execute()
}

export function findChildrenByFamilyIds(db: Kysely<DB>, familyIds: readonly string[]) {
  return db
    .selectFrom('child')
    .select(columns.child)
    .where('child.family_id', '=', anyUuid(familyIds))
    .orderBy('child.birth_date')
    .orderBy('child.id')
    .execute()
}

function matches(filter: ChildFilter) {
  return (eb: ExpressionBuilder<DB, 'child'>) => {
    const conditions = []
    if (filter.municipalityOktmo?.length) {
      conditions.push(eb('child.municipality_oktmo', '=', anyText(filter.municipalityOktmo)))
    }
    if (filter.registryStatus?.length) {
      conditions.push(eb('child.registry_status', '=', anyText(filter.registryStatus)))
    }
    if (filter.criterion?.length) {
      const codes = filter.criterion
      conditions.push(
        eb.exists(
          eb
            .selectFrom('child_criterion')
            .select(sql.lit(1).as('one'))
            .whereRef('child_criterion.child_id', '=', 'child.id')
            .where('child_criterion.code', '=', anyText(codes))
            .where((inner) =>
              inner.or([
                inner('child_criterion.valid_to', 'is', null),
                inner('child_criterion.valid_to', '>=', sql<string>`current_date`),
              ]),
            ),
        ),
      )
    }
    return eb.and(conditions)
  }
}

/**
 * A page of the registry in id order after `afterId`, and the number of
 * children matching the filter, in one statement: the count is a
 * subquery the page is laterally joined to, so an empty page still
 * carries the total.
 */
export async function listChildren(
  db: Kysely<DB>,
  { filter, first, afterId }: { filter: ChildFilter; first: number; afterId?: string },
) {
  const total = db
    .selectFrom('child')
    .where(matches(filter))
    .select(sql<number>`count(*)::int`.as('totalCount'))
  let page = db.selectFrom('child').select(columns.child).where(matches(filter))
  if (afterId) page = page.where('child.id', '>', afterId)
  const rows = await db
    .selectFrom(total.as('total'))
    .leftJoinLateral(
      page
        .orderBy('child.id')
        .limit(first + 1)
        .as('page'),
      (join) => join.onTrue(),
    )
    .selectAll('page')
    .select('total.totalCount')
    .execute()
  const children = rows.filter((row): row is typeof row & ChildRow => row.id !== null)
  return {
    totalCount: rows[0]?.totalCount ?? 0,
    children: children.slice(0, first),
    hasNextPage: children.length > first,
  }
}
