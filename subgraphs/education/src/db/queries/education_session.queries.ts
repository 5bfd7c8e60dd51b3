import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, EducationSessionTable } from '../database.js'

export type EducationSessionRow = Awaited<ReturnType<typeof findEducationSessionsByChildIds>>[number]

export function findEducationSessionsByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('education_session')
    .select(columns.educationSession)
    .where('education_session.child_id', '=', anyUuid(childIds))
    .orderBy('education_session.delivered_on', 'desc')
    .orderBy('education_session.id')
    .execute()
}

/** Newest first. */
export function findEducationSessionsByProgrammeServiceIds(db: Kysely<DB>, programmeServiceIds: readonly string[]) {
  return db
    .selectFrom('education_session')
    .select(columns.educationSession)
    .where('education_session.programme_service_id', '=', anyUuid(programmeServiceIds))
    .orderBy('education_session.delivered_on', 'desc')
    .orderBy('education_session.id')
    .execute()
}

/** The day of the specialist's last session, attended or cancelled; undefined when they have none. */
export async function findLastEducationSessionDateBySpecialistId(db: Kysely<DB>, specialistId: string) {
  const row = await db
    .selectFrom('education_session')
    .select((eb) => eb.fn.max('education_session.delivered_on').as('deliveredOn'))
    .where('education_session.specialist_id', '=', specialistId)
    .executeTakeFirst()
  return row?.deliveredOn ?? undefined
}

export function findEducationSessionById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('education_session')
    .select(columns.educationSession)
    .where('education_session.id', '=', id)
    .executeTakeFirst()
}

export function insertEducationSession(db: Kysely<DB>, values: Insertable<EducationSessionTable>) {
  return db.insertInto('education_session').values(values).returning(columns.educationSession).executeTakeFirstOrThrow()
}
