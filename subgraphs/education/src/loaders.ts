import type { Kysely } from 'kysely'
import { BY_UUID, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
import type { DB } from './db/database.js'
import { findEarlyHelpUnitsByIds, findEarlyHelpUnitsByKindergartenIds } from './db/queries/early_help_unit.queries.js'
import {
  findEducationSessionsByChildIds,
  findEducationSessionsByProgrammeServiceIds,
} from './db/queries/education_session.queries.js'
import { findKindergartensByIds } from './db/queries/kindergarten.queries.js'
import { findKindergartenGroupsByKindergartenIds } from './db/queries/kindergarten_group.queries.js'
import { findPmpkConclusionsByChildIds } from './db/queries/pmpk_conclusion.queries.js'
import { findPreschoolApplicationsByChildIds } from './db/queries/preschool_application.queries.js'

/** Created once per request (context.ts): one SQL statement per batch of keys. */
export function createLoaders(db: Kysely<DB>) {
  return {
    kindergartenById: loaderOfOne(
      (ids) => findKindergartensByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    pmpkConclusionsByChildId: loaderOfMany(
      (ids) => findPmpkConclusionsByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    /** Also what the transition is computed from: asking for both costs one statement. */
    preschoolApplicationsByChildId: loaderOfMany(
      (ids) => findPreschoolApplicationsByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    earlyHelpUnitById: loaderOfOne(
      (ids) => findEarlyHelpUnitsByIds(db, ids),
      (row) => row.id,
      BY_UUID,
    ),
    kindergartenGroupsByKindergartenId: loaderOfMany(
      (ids) => findKindergartenGroupsByKindergartenIds(db, ids),
      (row) => row.kindergartenId,
      BY_UUID,
    ),
    earlyHelpUnitsByKindergartenId: loaderOfMany(
      (ids) => findEarlyHelpUnitsByKindergartenIds(db, ids),
      (row) => row.kindergartenId,
      BY_UUID,
    ),
    educationSessionsByChildId: loaderOfMany(
      (ids) => findEducationSessionsByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    educationSessionsByProgrammeServiceId: loaderOfMany(
      (ids) => findEducationSessionsByProgrammeServiceIds(db, ids),
      (row) => row.programmeServiceId ?? '',
      BY_UUID,
    ),
  }
}

export type Loaders = ReturnType<typeof createLoaders>
