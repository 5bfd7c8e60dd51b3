import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, VolunteerHoursTable } from '../database.js'

export type VolunteerHoursRow = Awaited<ReturnType<typeof findHoursByVolunteerIds>>[number]

export function findHoursByVolunteerIds(db: Kysely<DB>, volunteerIds: readonly string[]) {
  return db
    .selectFrom('volunteer_hours')
    .select(columns.volunteerHours)
    .where('volunteer_hours.volunteer_id', '=', anyUuid(volunteerIds))
    .orderBy('volunteer_hours.worked_on', 'desc')
    .orderBy('volunteer_hours.id')
    .execute()
}

/** The latest day a volunteer's hours were recorded for; undefined when none were. */
export async function findLastWorkedOn(db: Kysely<DB>, volunteerId: string) {
  const row = await db
    .selectFrom('volunteer_hours')
    .select((eb) => eb.fn.max('volunteer_hours.worked_on').as('lastWorkedOn'))
    .where('volunteer_hours.volunteer_id', '=', volunteerId)
    .executeTakeFirst()
  return row?.lastWorkedOn ?? undefined
}

export function findVolunteerHoursById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('volunteer_hours')
    .select(columns.volunteerHours)
    .where('volunteer_hours.id', '=', id)
    .executeTakeFirst()
}

export function insertVolunteerHours(db: Kysely<DB>, values: Insertable<VolunteerHoursTable>) {
  return db.insertInto('volunteer_hours').values(values).returning(columns.volunteerHours).executeTakeFirstOrThrow()
}
