import type { Transaction } from 'kysely'
import { notFound } from '@hub/platform/errors'
import { requireUuid } from '@hub/subgraph-kit/validation'
import type { DB } from '../../../db/database.js'
import { findFamiliesByIds } from '../queries/family.queries.js'

/** A family of the registry named by its id. */
export async function requireFamily(trx: Transaction<DB>, field: string, familyId: string) {
  requireUuid(field, familyId)
  const [family] = await findFamiliesByIds(trx, [familyId])
  if (!family) throw notFound(field, 'family', familyId)
  return family
}
