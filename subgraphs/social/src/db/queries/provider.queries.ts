import type { Kysely } from 'kysely'
import { anyUuid } from '../../../../kit/src/sql.js'
import { columns } from '../columns.js'
import type { DB } from '../database.js'

export type ProviderRow = Awaited<ReturnType<typeof findProvidersByIds>>[number]

export function findProvidersByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('provider').select(columns.provider).where('provider.id', '=', anyUuid(ids)).execute()
}

export function listProviders(db: Kysely<DB>) {
  return db.selectFrom('provider').select(columns.provider).orderBy('provider.name').orderBy('provider.id').execute()
}
