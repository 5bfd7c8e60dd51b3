import type { Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, KindergartenGroupFocus } from '../database.js'

export type KindergartenGroupRow = Awaited<ReturnType<typeof findKindergartenGroupsByKindergartenIds>>[number]

/** Open groups first, then by code. */
export function findKindergartenGroupsByKindergartenIds(db: Kysely<DB>, kindergartenIds: readonly string[]) {
  return db
    .selectFrom('kindergarten_group')
    .select(columns.kindergartenGroup)
    .where('kindergarten_group.kindergarten_id', '=', anyUuid(kindergartenIds))
    .orderBy(({ eb }) => eb('kindergarten_group.closed_on', 'is not', null))
    .orderBy('kindergarten_group.code')
    .execute()
}

/** A group of the department's file, added or brought up to date by its kindergarten and its code (and open again). */
export function upsertKindergartenGroup(
  db: Kysely<DB>,
  group: {
    kindergartenId: string
    code: string
    name: string
    ageFromMonths: number
    ageToMonths: number
    focus: KindergartenGroupFocus
    places: number
  },
) {
  const values = {
    title: group.name,
    age_from_months: group.ageFromMonths,
    age_to_months: group.ageToMonths,
    focus: group.focus,
    places: group.places,
    closed_on: null,
  }
  return db
    .insertInto('kindergarten_group')
    .values({ kindergarten_id: group.kindergartenId, code: group.code, ...values })
    .onConflict((conflict) => conflict.columns(['kindergarten_id', 'code']).doUpdateSet(values))
    .execute()
}
