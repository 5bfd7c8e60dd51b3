import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, ParentGroupMeetingTable } from '../database.js'

export type ParentGroupMeetingRow = Awaited<ReturnType<typeof findMeetingsByGroupIds>>[number]

export function findMeetingsByGroupIds(db: Kysely<DB>, groupIds: readonly string[]) {
  return db
    .selectFrom('parent_group_meeting')
    .select(columns.parentGroupMeeting)
    .where('parent_group_meeting.parent_group_id', '=', anyUuid(groupIds))
    .orderBy('parent_group_meeting.held_on', 'desc')
    .orderBy('parent_group_meeting.id')
    .execute()
}

export function findMeetingById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('parent_group_meeting')
    .select(columns.parentGroupMeeting)
    .where('parent_group_meeting.id', '=', id)
    .executeTakeFirst()
}

export function insertMeeting(db: Kysely<DB>, values: Insertable<ParentGroupMeetingTable>) {
  return db
    .insertInto('parent_group_meeting')
    .values(values)
    .returning(columns.parentGroupMeeting)
    .executeTakeFirstOrThrow()
}
