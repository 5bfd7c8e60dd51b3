import type { Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

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
