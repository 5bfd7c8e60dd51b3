import type { Kysely } from 'kysely'
import { BY_UUID, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
import type { DB } from '../../db/database.js'
import {
  findChildMergesByChildIds,
  findChildMergesByIds,
  findDeliveriesByMergeIds,
} from './queries/child_merge.queries.js'

/**
 * The merges module's loaders (merges and their deliveries), spread into the request's loaders (src/loaders.ts).
 */
export function createMergesLoaders(db: Kysely<DB>) {
  return {
    childMergeById: loaderOfOne(
      (ids) => findChildMergesByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    childMergesByChildId: loaderOfMany(
      (ids) => findChildMergesByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    deliveriesByMergeId: loaderOfMany(
      (ids) => findDeliveriesByMergeIds(db, ids),
      (row) => row.mergeId,
      BY_UUID,
    ),
  }
}
