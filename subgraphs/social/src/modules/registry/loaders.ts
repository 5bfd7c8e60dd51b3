import type { Kysely } from 'kysely'
import { BY_UUID, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
import type { DB } from '../../db/database.js'
import { findChildrenByFamilyIds, findChildrenByIds } from './queries/child.queries.js'
import { findCriteriaByChildIds, findCriteriaByIds } from './queries/child_criterion.queries.js'
import { findPossibleDuplicatesByIds } from './queries/possible_duplicate.queries.js'
import { findStatusChangesByChildIds } from './queries/registry_status_change.queries.js'
import { findRefusedImportRows } from './queries/registry_import.queries.js'

/**
 * The registry module's loaders (children, their criteria and status history, possible duplicates), spread into the
 * request's loaders (src/loaders.ts).
 */
export function createRegistryLoaders(db: Kysely<DB>) {
  return {
    refusedRowsByImportId: loaderOfMany(
      (ids) => findRefusedImportRows(db, ids),
      (row) => row.importId,
      BY_UUID,
    ),
    childById: loaderOfOne(
      (ids) => findChildrenByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    childrenByFamilyId: loaderOfMany(
      (ids) => findChildrenByFamilyIds(db, ids),
      (row) => row.familyId ?? '',
      BY_UUID,
    ),
    statusHistoryByChildId: loaderOfMany(
      (ids) => findStatusChangesByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    criteriaByChildId: loaderOfMany(
      (ids) => findCriteriaByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    criterionById: loaderOfOne(
      (ids) => findCriteriaByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    possibleDuplicateById: loaderOfOne(
      (ids) => findPossibleDuplicatesByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
  }
}
