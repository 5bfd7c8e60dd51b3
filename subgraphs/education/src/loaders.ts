import type { Kysely } from 'kysely'
import { isUuid, loaderOfMany, loaderOfOne } from '../../kit/src/loaders.js'
import type { DB } from './db/database.js'
import { findKindergartensByIds } from './db/queries/kindergarten.queries.js'
import { findPmpkConclusionsByChildIds } from './db/queries/pmpk_conclusion.queries.js'
import { findPreschoolApplicationsByChildIds } from './db/queries/preschool_application.queries.js'

const byUuid = { isValidKey: isUuid }

/** Created once per request (context.ts): one SQL statement per batch of keys. */
export function createLoaders(db: Kysely<DB>) {
  return {
    kindergartenById: loaderOfOne(
      (ids) => findKindergartensByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    pmpkConclusionsByChildId: loaderOfMany(
      (ids) => findPmpkConclusionsByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    preschoolApplicationsByChildId: loaderOfMany(
      (ids) => findPreschoolApplicationsByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
  }
}

export type Loaders = ReturnType<typeof createLoaders>
