import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { DB, RegistryStatusChangeTable } from '../../../db/database.js'

export type RegistryStatusChangeRow = Awaited<ReturnType<typeof findStatusChangesByChildIds>>[number]

export function findStatusChangesByChildIds(db: Kysely<DB>, childIds: readonly string[]) {
  return db
    .selectFrom('registry_status_change')
    .select(columns.registryStatusChange)
    .where('registry_status_change.child_id', '=', anyUuid(childIds))
    .orderBy('registry_status_change.changed_at')
    .orderBy('registry_status_change.id')
    .execute()
}

export function insertStatusChange(db: Kysely<DB>, row: Insertable<RegistryStatusChangeTable>) {
  return db.insertInto('registry_status_change').values(row).execute()
}
