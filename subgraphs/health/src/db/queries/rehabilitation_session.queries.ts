import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, RehabilitationSessionTable } from '../database.js'

export type RehabilitationSessionRow = Awaited<ReturnType<typeof findRehabilitationSessionsByEpisodeIds>>[number]

/** Sessions with the child of their episode, so that every read of one is decided and audited for that child. */
function sessions(db: Kysely<DB>) {
  return db
    .selectFrom('rehabilitation_session')
    .innerJoin('rehabilitation_episode', 'rehabilitation_episode.id', 'rehabilitation_session.episode_id')
    .select([...columns.rehabilitationSession, 'rehabilitation_episode.child_id as childId'])
}

export function findRehabilitationSessionsByEpisodeIds(db: Kysely<DB>, episodeIds: readonly string[]) {
  return sessions(db)
    .where('rehabilitation_session.episode_id', '=', anyUuid(episodeIds))
    .orderBy('rehabilitation_session.held_on')
    .orderBy('rehabilitation_session.id')
    .execute()
}

/** Newest first. */
export function findRehabilitationSessionsByProgrammeServiceIds(
  db: Kysely<DB>,
  programmeServiceIds: readonly string[],
) {
  return sessions(db)
    .where('rehabilitation_session.programme_service_id', '=', anyUuid(programmeServiceIds))
    .orderBy('rehabilitation_session.held_on', 'desc')
    .orderBy('rehabilitation_session.id')
    .execute()
}

/** The date of the episode's last session, attended or cancelled; undefined when it has none. */
export async function findLastSessionDateByEpisodeId(db: Kysely<DB>, episodeId: string) {
  const row = await db
    .selectFrom('rehabilitation_session')
    .select((eb) => eb.fn.max('rehabilitation_session.held_on').as('heldOn'))
    .where('rehabilitation_session.episode_id', '=', episodeId)
    .executeTakeFirst()
  return row?.heldOn ?? undefined
}

/** The day of the specialist's last session, attended or cancelled; undefined when they have none. */
export async function findLastSessionDateBySpecialistId(db: Kysely<DB>, specialistId: string) {
  const row = await db
    .selectFrom('rehabilitation_session')
    .select((eb) => eb.fn.max('rehabilitation_session.held_on').as('heldOn'))
    .where('rehabilitation_session.specialist_id', '=', specialistId)
    .executeTakeFirst()
  return row?.heldOn ?? undefined
}

export function findRehabilitationSessionById(db: Kysely<DB>, id: string) {
  return sessions(db).where('rehabilitation_session.id', '=', id).executeTakeFirst()
}

export async function insertRehabilitationSession(db: Kysely<DB>, values: Insertable<RehabilitationSessionTable>) {
  const { id } = await db.insertInto('rehabilitation_session').values(values).returning('id').executeTakeFirstOrThrow()
  return sessions(db).where('rehabilitation_session.id', '=', id).executeTakeFirstOrThrow()
}
