import type { Kysely } from 'kysely'
import { anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

export type ParentGroupRow = Awaited<ReturnType<typeof findParentGroupsByIds>>[number]

export function findParentGroupsByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('parent_group').select(columns.parentGroup).where('parent_group.id', '=', anyUuid(ids)).execute()
}
