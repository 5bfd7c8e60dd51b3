import { sql, type Insertable, type Kysely, type Transaction } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, ParentGroupParticipationTable } from '../database.js'

export type ParentGroupParticipationRow = Awaited<ReturnType<typeof findParticipationsByFamilyIds>>[number]

export function findParticipationsByFamilyIds(db: Kysely<DB>, familyIds: readonly string[]) {
  return db
    .selectFrom('parent_group_participation')
    .select(columns.parentGroupParticipation)
    .where('parent_group_participation.family_id', '=', anyUuid(familyIds))
    .orderBy('parent_group_participation.joined_on', 'desc')
    .orderBy('parent_group_participation.id')
    .execute()
}

/** Families taking part now (not yet left), per group; groups without any are absent from the result. */
export function countActiveParticipantsByGroupIds(db: Kysely<DB>, groupIds: readonly string[]) {
  return db
    .selectFrom('parent_group_participation')
    .select(['parent_group_participation.parent_group_id as parentGroupId', sql<number>`count(*)::int`.as('count')])
    .where('parent_group_participation.parent_group_id', '=', anyUuid(groupIds))
    .where('parent_group_participation.left_on', 'is', null)
    .groupBy('parent_group_participation.parent_group_id')
    .execute()
}

/** Every participation, past and present, of one family in one group. */
export function findParticipationsByGroupAndFamily(db: Kysely<DB>, groupId: string, familyId: string) {
  return db
    .selectFrom('parent_group_participation')
    .select(columns.parentGroupParticipation)
    .where('parent_group_participation.parent_group_id', '=', groupId)
    .where('parent_group_participation.family_id', '=', familyId)
    .orderBy('parent_group_participation.joined_on', 'desc')
    .execute()
}

/** Holds the participation until commit, so that two concurrent leaves cannot both see it open. */
export function lockParticipationById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('parent_group_participation')
    .select(columns.parentGroupParticipation)
    .where('parent_group_participation.id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst()
}

export function insertParticipation(db: Kysely<DB>, values: Insertable<ParentGroupParticipationTable>) {
  return db
    .insertInto('parent_group_participation')
    .values(values)
    .returning(columns.parentGroupParticipation)
    .executeTakeFirstOrThrow()
}

export function updateParticipation(db: Kysely<DB>, id: string, values: { left_on: string }) {
  return db
    .updateTable('parent_group_participation')
    .set(values)
    .where('parent_group_participation.id', '=', id)
    .returning(columns.parentGroupParticipation)
    .executeTakeFirstOrThrow()
}
