import type { Kysely } from 'kysely'
import { anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

export type PmpkConclusionRow = Awaited<ReturnType<typeof findPmpkConclusionsByChildIds>>[number]

export function findPmpkConclusionsByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('pmpk_conclusion')
    .select(columns.pmpkConclusion)
    .where('pmpk_conclusion.child_id', '=', anyUuid(childIds))
    .orderBy('pmpk_conclusion.concluded_on', 'desc')
    .orderBy('pmpk_conclusion.id')
    .execute()
}
