import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { ChildCriterionTable, DB } from '../../../db/database.js'

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

export function findCriteriaByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db
    .selectFrom('child_criterion')
    .select(columns.childCriterion)
    .where('child_criterion.id', '=', anyUuid(ids))
    .execute()
}

export function findCriterionById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('child_criterion')
    .select(columns.childCriterion)
    .where('child_criterion.id', '=', id)
    .executeTakeFirst()
}

export function insertCriteria(db: Kysely<DB>, rows: Insertable<ChildCriterionTable>[]) {
  return db.insertInto('child_criterion').values(rows).returning(columns.childCriterion).execute()
}

export function lockCriterionById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('child_criterion')
    .select(columns.childCriterion)
    .where('child_criterion.id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export function updateCriterion(db: Kysely<DB>, id: string, changes: Updateable<ChildCriterionTable>) {
  return db
    .updateTable('child_criterion')
    .set(changes)
    .where('child_criterion.id', '=', id)
    .returning(columns.childCriterion)
    .executeTakeFirstOrThrow()
}

/** Closes the criteria a family decision gave its children, keeping them as history. */
export function endCriteriaOfFamilySituation(db: Kysely<DB>, familySituationId: string, validTo: string) {
  return db
    .updateTable('child_criterion')
    .set({ valid_to: validTo })
    .where('child_criterion.family_situation_id', '=', familySituationId)
    .where((eb) => eb.or([eb('child_criterion.valid_to', 'is', null), eb('child_criterion.valid_to', '>', validTo)]))
    .execute()
}

/**
 * Closes, on `validTo`, the criteria a child holds by the decisions about a family it leaves; a criterion that began
 * on or after the move ends the day it began.
 */
export function endCriteriaOfFamilyForChild(db: Kysely<DB>, childId: string, familyId: string, validTo: string) {
  return db
    .updateTable('child_criterion')
    .set((eb) => ({ valid_to: eb.fn('greatest', [eb.ref('child_criterion.valid_from'), eb.val(validTo)]) }))
    .where('child_criterion.child_id', '=', childId)
    .where('child_criterion.family_situation_id', 'in', (eb) =>
      eb
        .selectFrom('family_situation')
        .select('family_situation.id')
        .where('family_situation.family_id', '=', familyId),
    )
    .where((eb) => eb.or([eb('child_criterion.valid_to', 'is', null), eb('child_criterion.valid_to', '>', validTo)]))
    .execute()
}

/** The criterion of this code the child holds today, if any: accepting a signal for it adds no second one. */
export function findCriterionInForce(db: Kysely<DB>, childId: string, code: ChildCriterionTable['code']) {
  return db
    .selectFrom('child_criterion')
    .select(columns.childCriterion)
    .where('child_criterion.child_id', '=', childId)
    .where('child_criterion.code', '=', code)
    .where('child_criterion.valid_from', '<=', sql<string>`current_date`)
    .where((eb) =>
      eb.or([
        eb('child_criterion.valid_to', 'is', null),
        eb('child_criterion.valid_to', '>=', sql<string>`current_date`),
      ]),
    )
    .orderBy('child_criterion.valid_from')
    .executeTakeFirst()
}
