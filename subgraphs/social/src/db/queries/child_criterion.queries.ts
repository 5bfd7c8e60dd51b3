import type { Kysely } from 'kysely'
import { anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

export type ChildCriterionRow = Awaited<ReturnType<typeof findCriteriaByChildIds>>[number]

export function findCriteriaByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('child_criterion')
    .select(columns.childCriterion)
    .where('child_criterion.child_id', '=', anyUuid(childIds))
    .orderBy('child_criterion.valid_from')
    .orderBy('child_criterion.id')
    .execute()
}
