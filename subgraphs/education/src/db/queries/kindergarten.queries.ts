import type { Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

export type KindergartenRow = Awaited<ReturnType<typeof findKindergartensByIds>>[number]

export function findKindergartensByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db
    .selectFrom('kindergarten')
    .select(columns.kindergarten)
    .where('kindergarten.id', '=', anyUuid(ids))
    .execute()
}

export function findKindergartenById(db: Kysely<DB>, id: string) {
  return db.selectFrom('kindergarten').select(columns.kindergarten).where('kindergarten.id', '=', id).executeTakeFirst()
}

/** By name, then id; all municipalities when none is given. */
export function listKindergartens(db: Kysely<DB>, filter: { municipalityOktmo?: string }) {
  let query = db.selectFrom('kindergarten').select(columns.kindergarten)
  if (filter.municipalityOktmo !== undefined) {
    query = query.where('kindergarten.municipality_oktmo', '=', filter.municipalityOktmo)
  }
  return query.orderBy('kindergarten.name').orderBy('kindergarten.id').execute()
}
