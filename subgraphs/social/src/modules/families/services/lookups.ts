import type { Transaction } from 'kysely'
import { badUserInput, notFound } from '@hub/platform/errors'
import { requireUuid } from '@hub/subgraph-kit/validation'
import type { DB } from '../../../db/database.js'
import { findFamiliesByIds } from '../queries/family.queries.js'
import { findMunicipalitiesByOktmos } from '../../providers/queries/municipality.queries.js'

/** A municipality of the region named by its ОКТМО code. */
export async function requireMunicipality(trx: Transaction<DB>, field: string, oktmo: string) {
  const [municipality] = await findMunicipalitiesByOktmos(trx, [oktmo])
  if (!municipality)
    throw badUserInput(field, 'UNKNOWN_MUNICIPALITY', 'must be the ОКТМО code of a municipality of the region', {
      oktmo,
    })
  return municipality
}

/** A family of the registry named by its id. */
export async function requireFamily(trx: Transaction<DB>, field: string, familyId: string) {
  requireUuid(field, familyId)
  const [family] = await findFamiliesByIds(trx, [familyId])
  if (!family) throw notFound(field, 'family', familyId)
  return family
}
