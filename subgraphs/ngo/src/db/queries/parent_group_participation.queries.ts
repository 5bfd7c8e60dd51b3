import type { Kysely } from 'kysely'
import { anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

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
