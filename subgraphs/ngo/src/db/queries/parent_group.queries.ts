import type { Insertable, Kysely, Transaction } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { columns } from '../columns.js'
import type { DB, ParentGroupTable } from '../database.js'

export type ParentGroupRow = Awaited<ReturnType<typeof findParentGroupsByIds>>[number]

export function findParentGroupsByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db.selectFrom('parent_group').select(columns.parentGroup).where('parent_group.id', '=', anyUuid(ids)).execute()
}

export function findParentGroupsByProviderIds(db: Kysely<DB>, providerIds: readonly string[]) {
  return db
    .selectFrom('parent_group')
    .select(columns.parentGroup)
    .where('parent_group.provider_id', '=', anyUuid(providerIds))
    .orderBy('parent_group.name')
    .orderBy('parent_group.id')
    .execute()
}

/** The public list of groups, by name; all municipalities when none is given. */
export function listParentGroups(db: Kysely<DB>, { municipalityOktmo }: { municipalityOktmo?: string }) {
  let query = db.selectFrom('parent_group').select(columns.parentGroup)
  if (municipalityOktmo !== undefined) query = query.where('parent_group.municipality_oktmo', '=', municipalityOktmo)
  return query.orderBy('parent_group.name').orderBy('parent_group.id').execute()
}

/**
 * Holds the group until commit, so that two joins of one family cannot both see it absent. NO KEY UPDATE leaves
 * the key-share locks of other transactions' foreign-key checks (recording a meeting) unblocked.
 */
export function lockParentGroupById(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('parent_group')
    .select(columns.parentGroup)
    .where('parent_group.id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst()
}

export function insertParentGroup(db: Kysely<DB>, values: Insertable<ParentGroupTable>) {
  return db.insertInto('parent_group').values(values).returning(columns.parentGroup).executeTakeFirstOrThrow()
}
