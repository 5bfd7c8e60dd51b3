import type { Transaction } from 'kysely'
import { badUserInput, notFound } from '@hub/platform/errors'
import { registerSpecialist, type ValidSpecialist } from '@hub/side-contract/staffing/services'
import type { DB } from '../../../db/database.js'
import { findProvidersByIds } from '../queries/provider.queries.js'

/**
 * The kit's rules, and one more that only social can check: the provider is in the registry and belongs to social.
 * Another side's provider has its specialists recorded by that side.
 */
export async function registerSocialSpecialist(trx: Transaction<DB>, specialist: ValidSpecialist) {
  const [provider] = await findProvidersByIds(trx, [specialist.providerId])
  if (!provider) throw notFound('input.providerId', 'provider', specialist.providerId)
  if (provider.side !== 'SOCIAL') {
    throw badUserInput(
      'input.providerId',
      'PROVIDER_OF_OTHER_SIDE',
      `must be a provider of the social side; this one is ${provider.side}, whose subgraph records its specialists`,
    )
  }
  return registerSpecialist(trx, specialist)
}
