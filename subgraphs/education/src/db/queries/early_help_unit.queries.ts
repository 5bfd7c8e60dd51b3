import type { Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, EarlyHelpUnitKind } from '../database.js'

export type EarlyHelpUnitRow = Awaited<ReturnType<typeof findEarlyHelpUnitsByIds>>[number]

export function findEarlyHelpUnitsByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db
    .selectFrom('early_help_unit')
    .select(columns.earlyHelpUnit)
    .where('early_help_unit.id', '=', anyUuid(ids))
    .execute()
}

export function findEarlyHelpUnitsByKindergartenIds(db: Kysely<DB>, kindergartenIds: readonly string[]) {
  return db
    .selectFrom('early_help_unit')
    .select(columns.earlyHelpUnit)
    .where('early_help_unit.kindergarten_id', '=', anyUuid(kindergartenIds))
    .orderBy('early_help_unit.title')
    .orderBy('early_help_unit.id')
    .execute()
}

export function findEarlyHelpUnitById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('early_help_unit')
    .select(columns.earlyHelpUnit)
    .where('early_help_unit.id', '=', id)
    .executeTakeFirst()
}

/** A unit of the department's file, added or brought up to date by its kindergarten and its code (and open again). */
export function upsertEarlyHelpUnit(
  db: Kysely<DB>,
  unit: { kindergartenId: string; code: string; kind: EarlyHelpUnitKind; name: string; openedOn: string },
) {
  const values = { kind: unit.kind, title: unit.name, opened_on: unit.openedOn, closed_on: null }
  return db
    .insertInto('early_help_unit')
    .values({ kindergarten_id: unit.kindergartenId, code: unit.code, ...values })
    .onConflict((conflict) => conflict.columns(['kindergarten_id', 'code']).doUpdateSet(values))
    .execute()
}
