import type { Transaction } from 'kysely'
import { badUserInput } from '@hub/platform/errors'
import type { DB } from '../../../db/database.js'
import { findMunicipalitiesByOktmos } from '../queries/municipality.queries.js'

/** A municipality of the region named by its ОКТМО code. */
export async function requireMunicipality(trx: Transaction<DB>, field: string, oktmo: string) {
  const [municipality] = await findMunicipalitiesByOktmos(trx, [oktmo])
  if (!municipality)
    throw badUserInput(field, 'UNKNOWN_MUNICIPALITY', 'must be the ОКТМО code of a municipality of the region', {
      oktmo,
    })
  return municipality
}
