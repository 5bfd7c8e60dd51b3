import type { Kysely } from 'kysely'
import { BY_UUID, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
import type { StaffingTables } from './database.js'
import { findSpecialistsByIds, findSpecialistsByProviderIds } from './specialist.queries.js'
import { findTrainingsBySpecialistIds } from './specialist_training.queries.js'

/** The staffing loaders every subgraph adds to its own per-request loaders. */
export function createStaffingLoaders(db: Kysely<StaffingTables>) {
  return {
    specialistById: loaderOfOne(
      (ids) => findSpecialistsByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    specialistsByProviderId: loaderOfMany(
      (ids) => findSpecialistsByProviderIds(db, ids),
      (row) => row.providerId,
      BY_UUID,
    ),
    trainingsBySpecialistId: loaderOfMany(
      (ids) => findTrainingsBySpecialistIds(db, ids),
      (row) => row.specialistId,
      BY_UUID,
    ),
  }
}

export type StaffingLoaders = ReturnType<typeof createStaffingLoaders>
