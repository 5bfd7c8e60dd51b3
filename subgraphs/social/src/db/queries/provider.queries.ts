import type { Kysely } from 'kysely'
import { anyText, anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

export type ProviderRow = Awaited<ReturnType<typeof findProvidersByIds>>[number]
export type ServiceTypeRow = Awaited<ReturnType<typeof findServiceTypesByCodes>>[number]

export function findProvidersByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('provider').select(columns.provider).where('provider.id', '=', anyUuid(ids)).execute()
}

export function listProviders(db: Kysely<DB>) {
  return db.selectFrom('provider').select(columns.provider).orderBy('provider.name').orderBy('provider.id').execute()
}

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
