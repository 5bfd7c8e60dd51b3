import type { Kysely } from 'kysely'
import { isUuid, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
import type { StaffingTables } from './database.js'
import { findSpecialistsByIds, findSpecialistsByProviderIds } from './specialist.queries.js'
import { findTrainingsBySpecialistIds } from './specialist_training.queries.js'

const byUuid = { isValidKey: isUuid }

/** The staffing loaders every subgraph adds to its own per-request loaders. */
export function createStaffingLoaders(db: Kysely<StaffingTables>) {
  return {
    specialistById: loaderOfOne(
      (ids) => findSpecialistsByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    specialistsByProviderId: loaderOfMany(
      (ids) => findSpecialistsByProviderIds(db, ids),
      (row) => row.providerId,
      byUuid,
    ),
    trainingsBySpecialistId: loaderOfMany(
      (ids) => findTrainingsBySpecialistIds(db, ids),
      (row) => row.specialistId,
      byUuid,
    ),
  }
}

export type StaffingLoaders = ReturnType<typeof createStaffingLoaders>
