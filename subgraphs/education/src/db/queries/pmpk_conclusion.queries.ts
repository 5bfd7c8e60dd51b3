import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, PmpkConclusionTable } from '../database.js'

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

/** The child's conclusion in force: the latest one, which supersedes the earlier ones; undefined when there is none. */
export function findLatestPmpkConclusionByChildId(db: Kysely<DB>, childId: string) {
  return db
    .selectFrom('pmpk_conclusion')
    .select(columns.pmpkConclusion)
    .where('pmpk_conclusion.child_id', '=', childId)
    .orderBy('pmpk_conclusion.concluded_on', 'desc')
    .orderBy('pmpk_conclusion.id')
    .limit(1)
    .executeTakeFirst()
}

export function findPmpkConclusionByNumber(db: Kysely<DB>, commission: string, number: string) {
  return db
    .selectFrom('pmpk_conclusion')
    .select(columns.pmpkConclusion)
    .where('pmpk_conclusion.commission', '=', commission)
    .where('pmpk_conclusion.number', '=', number)
    .executeTakeFirst()
}

export function findPmpkConclusionById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('pmpk_conclusion')
    .select(columns.pmpkConclusion)
    .where('pmpk_conclusion.id', '=', id)
    .executeTakeFirst()
}

export function insertPmpkConclusion(db: Kysely<DB>, values: Insertable<PmpkConclusionTable>) {
  return db.insertInto('pmpk_conclusion').values(values).returning(columns.pmpkConclusion).executeTakeFirstOrThrow()
}
