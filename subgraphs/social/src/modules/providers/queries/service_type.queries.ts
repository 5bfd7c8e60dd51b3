import type { Kysely } from 'kysely'
import { anyText } from '@hub/subgraph-kit/sql'
import { columns } from '../../../db/columns.js'
import type { DB } from '../../../db/database.js'

export type ServiceTypeRow = Awaited<ReturnType<typeof findServiceTypesByCodes>>[number]

export function findServiceTypesByCodes(db: Kysely<DB>, codes: readonly string[]) {
  return db
    .selectFrom('service_type')
    .select(columns.serviceType)
    .where('service_type.code', '=', anyText(codes))
    .execute()
}

export function listServiceTypes(db: Kysely<DB>) {
  return db.selectFrom('service_type').select(columns.serviceType).orderBy('service_type.code').execute()
}
