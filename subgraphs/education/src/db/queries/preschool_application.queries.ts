import type { Kysely } from 'kysely'
import { anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

export type PreschoolApplicationRow = Awaited<ReturnType<typeof findPreschoolApplicationsByChildIds>>[number]

export function findPreschoolApplicationsByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('preschool_application')
    .select(columns.preschoolApplication)
    .where('preschool_application.child_id', '=', anyUuid(childIds))
    .orderBy('preschool_application.applied_on', 'desc')
    .orderBy('preschool_application.id')
    .execute()
}
