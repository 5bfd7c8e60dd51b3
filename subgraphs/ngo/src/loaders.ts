import type { Kysely } from 'kysely'
import { isUuid, loaderOfMany, loaderOfOne } from '../../kit/src/loaders.js'
import type { DB } from './db/database.js'
import { findSessionsByChildIds } from './db/queries/ngo_session.queries.js'
import { findParentGroupsByIds } from './db/queries/parent_group.queries.js'
import { findParticipationsByFamilyIds } from './db/queries/parent_group_participation.queries.js'

const byUuid = { isValidKey: isUuid }

/** Created once per request (context.ts): one SQL statement per batch of keys. */
export function createLoaders(db: Kysely<DB>) {
  return {
    sessionsByChildId: loaderOfMany(
      (ids) => findSessionsByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    parentGroupById: loaderOfOne(
      (ids) => findParentGroupsByIds(db, ids),
      (row) => row.id,
      byUuid,
    ),
    participationsByFamilyId: loaderOfMany(
      (ids) => findParticipationsByFamilyIds(db, ids),
      (row) => row.familyId,
      byUuid,
    ),
  }
}

export type Loaders = ReturnType<typeof createLoaders>
