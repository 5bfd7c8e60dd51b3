import type { Kysely } from 'kysely'
import { BY_UUID, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
import type { DB } from '../../db/database.js'
import { findBoundariesByOktmos, findMunicipalitiesByOktmos } from './queries/municipality.queries.js'
import {
  findOfferedServicesByProviderIds,
  findProvidersByIds,
  findRequiredRolesByProviderIds,
  findServedMunicipalitiesByProviderIds,
} from './queries/provider.queries.js'
import { today } from '@hub/subgraph-kit/validation'
import { findServiceTypesByCodes, findServiceTypeVersionsByCodes } from './queries/service_type.queries.js'

/**
 * The providers module's loaders (municipalities, providers with what they serve and require, the catalogue), spread
 * into the request's loaders (src/loaders.ts).
 */
export function createProvidersLoaders(db: Kysely<DB>) {
  // The catalogue as it stands on the request's day: a provider's offer and a record's service read in its editions.
  const day = today()
  return {
    boundaryByOktmo: loaderOfOne(
      (codes) => findBoundariesByOktmos(db, codes),
      (row) => row.oktmo,
    ),
    municipalityByOktmo: loaderOfOne(
      (codes) => findMunicipalitiesByOktmos(db, codes),
      (row) => row.oktmo,
    ),
    providerById: loaderOfOne(
      (ids) => findProvidersByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    servedMunicipalitiesByProviderId: loaderOfMany(
      (ids) => findServedMunicipalitiesByProviderIds(db, ids),
      (row) => row.providerId,
      BY_UUID,
    ),
    offeredServicesByProviderId: loaderOfMany(
      (ids) => findOfferedServicesByProviderIds(db, ids, day),
      (row) => row.providerId,
      BY_UUID,
    ),
    requiredRolesByProviderId: loaderOfMany(
      (ids) => findRequiredRolesByProviderIds(db, ids, day),
      (row) => row.providerId,
      BY_UUID,
    ),
    serviceTypeByCode: loaderOfOne(
      (codes) => findServiceTypesByCodes(db, codes, day),
      (row) => row.code,
    ),
    serviceTypeVersionsByCode: loaderOfMany(
      (codes) => findServiceTypeVersionsByCodes(db, codes),
      (row) => row.code,
    ),
  }
}
