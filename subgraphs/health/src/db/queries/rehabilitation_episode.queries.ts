import type { Insertable, Kysely, Transaction, Updateable } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, RehabilitationEpisodeTable } from '../database.js'

export type RehabilitationEpisodeRow = Awaited<ReturnType<typeof findRehabilitationEpisodesByChildIds>>[number]

export function findRehabilitationEpisodesByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('rehabilitation_episode')
    .select(columns.rehabilitationEpisode)
    .where('rehabilitation_episode.child_id', '=', anyUuid(childIds))
    .orderBy('rehabilitation_episode.started_on', 'desc')
    .orderBy('rehabilitation_episode.id')
    .execute()
}

export function findRehabilitationEpisodeById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('rehabilitation_episode')
    .select(columns.rehabilitationEpisode)
    .where('rehabilitation_episode.id', '=', id)
    .executeTakeFirst()
}

export function insertRehabilitationEpisode(db: Kysely<DB>, values: Insertable<RehabilitationEpisodeTable>) {
  return db
    .insertInto('rehabilitation_episode')
    .values(values)
    .returning(columns.rehabilitationEpisode)
    .executeTakeFirstOrThrow()
}

/** Locks one episode until the transaction ends: closing it and adding a session to it must not interleave. */
export function lockRehabilitationEpisodeById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('rehabilitation_episode')
    .select(columns.rehabilitationEpisode)
    .where('rehabilitation_episode.id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export function updateRehabilitationEpisode(
  db: Kysely<DB>,
  id: string,
  values: Updateable<RehabilitationEpisodeTable>,
) {
  return db
    .updateTable('rehabilitation_episode')
    .set(values)
    .where('rehabilitation_episode.id', '=', id)
    .returning(columns.rehabilitationEpisode)
    .executeTakeFirstOrThrow()
}
