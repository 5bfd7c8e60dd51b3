import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, NgoSessionTable } from '../database.js'

export type NgoSessionRow = Awaited<ReturnType<typeof findSessionsByChildIds>>[number]

export function findSessionsByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('ngo_session')
    .select(columns.ngoSession)
    .where('ngo_session.child_id', '=', anyUuid(childIds))
    .orderBy('ngo_session.delivered_on', 'desc')
    .orderBy('ngo_session.id')
    .execute()
}

/** Newest first. */
export function findSessionsByProgrammeServiceIds(db: Kysely<DB>, programmeServiceIds: readonly string[]) {
  return db
    .selectFrom('ngo_session')
    .select(columns.ngoSession)
    .where('ngo_session.programme_service_id', '=', anyUuid(programmeServiceIds))
    .orderBy('ngo_session.delivered_on', 'desc')
    .orderBy('ngo_session.id')
    .execute()
}

/** The day of the specialist's last session, attended or cancelled; undefined when they have none. */
export async function findLastSessionDateBySpecialistId(db: Kysely<DB>, specialistId: string) {
  const row = await db
    .selectFrom('ngo_session')
    .select((eb) => eb.fn.max('ngo_session.delivered_on').as('deliveredOn'))
    .where('ngo_session.specialist_id', '=', specialistId)
    .executeTakeFirst()
  return row?.deliveredOn ?? undefined
}

export function findSessionById(db: Kysely<DB>, id: string) {
  return db.selectFrom('ngo_session').select(columns.ngoSession).where('ngo_session.id', '=', id).executeTakeFirst()
}

export function insertSession(db: Kysely<DB>, values: Insertable<NgoSessionTable>) {
  return db.insertInto('ngo_session').values(values).returning(columns.ngoSession).executeTakeFirstOrThrow()
}
