import type { Kysely } from 'kysely'
import { anyUuid } from '../../../../kit/src/sql.js'
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
