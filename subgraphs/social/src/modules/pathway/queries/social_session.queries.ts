import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { DB, SocialSessionTable } from '../../../db/database.js'

export type SocialSessionRow = Awaited<ReturnType<typeof findSocialSessionsByProgrammeServiceIds>>[number]

/** Newest first. */
export function findSocialSessionsByProgrammeServiceIds(db: Kysely<DB>, programmeServiceIds: readonly string[]) {
  return db
    .selectFrom('social_session')
    .select(columns.socialSession)
    .where('social_session.programme_service_id', '=', anyUuid(programmeServiceIds))
    .orderBy('social_session.delivered_on', 'desc')
    .orderBy('social_session.id')
    .execute()
}

/** Newest first, across every version of the child's programme: the child is the programme's, through the item. */
export function findSocialSessionsByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('social_session')
    .innerJoin('programme_service', 'programme_service.id', 'social_session.programme_service_id')
    .innerJoin('programme', 'programme.id', 'programme_service.programme_id')
    .select([...columns.socialSession, 'programme.child_id as childId'])
    .where('programme.child_id', '=', anyUuid(childIds))
    .orderBy('social_session.delivered_on', 'desc')
    .orderBy('social_session.id')
    .execute()
}

/** The day of the specialist's last session, attended or cancelled; undefined when they have none. */
export async function findLastSocialSessionDateBySpecialistId(db: Kysely<DB>, specialistId: string) {
  const row = await db
    .selectFrom('social_session')
    .select((eb) => eb.fn.max('social_session.delivered_on').as('deliveredOn'))
    .where('social_session.specialist_id', '=', specialistId)
    .executeTakeFirst()
  return row?.deliveredOn ?? undefined
}

export function findSocialSessionById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('social_session')
    .select(columns.socialSession)
    .where('social_session.id', '=', id)
    .executeTakeFirst()
}

export function insertSocialSession(db: Kysely<DB>, values: Insertable<SocialSessionTable>) {
  return db.insertInto('social_session').values(values).returning(columns.socialSession).executeTakeFirstOrThrow()
}
