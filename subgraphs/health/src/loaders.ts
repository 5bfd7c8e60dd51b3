import type { Kysely } from 'kysely'
import { BY_UUID, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
import type { DB } from './db/database.js'
import { findDetectionEventsByChildIds } from './db/queries/detection_event.queries.js'
import { findDiagnosesByChildIds } from './db/queries/diagnosis.queries.js'
import { findDispensaryObservationsByChildIds } from './db/queries/dispensary_observation.queries.js'
import { findCurrentHealthGroupsByChildIds } from './db/queries/health_group_assessment.queries.js'
import { findRehabilitationEpisodesByChildIds } from './db/queries/rehabilitation_episode.queries.js'
import {
  findRehabilitationSessionsByEpisodeIds,
  findRehabilitationSessionsByProgrammeServiceIds,
} from './db/queries/rehabilitation_session.queries.js'
import { findRiskFactorsByChildIds } from './db/queries/risk_factor.queries.js'

/** Created once per request (context.ts): one SQL statement per batch of keys. */
export function createLoaders(db: Kysely<DB>) {
  return {
    healthGroupByChildId: loaderOfOne(
      (ids) => findCurrentHealthGroupsByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    detectionEventsByChildId: loaderOfMany(
      (ids) => findDetectionEventsByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    diagnosesByChildId: loaderOfMany(
      (ids) => findDiagnosesByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    riskFactorsByChildId: loaderOfMany(
      (ids) => findRiskFactorsByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    dispensaryObservationsByChildId: loaderOfMany(
      (ids) => findDispensaryObservationsByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    rehabilitationEpisodesByChildId: loaderOfMany(
      (ids) => findRehabilitationEpisodesByChildIds(db, ids),
      (row) => row.childId,
      BY_UUID,
    ),
    rehabilitationSessionsByEpisodeId: loaderOfMany(
      (ids) => findRehabilitationSessionsByEpisodeIds(db, ids),
      (row) => row.episodeId,
      BY_UUID,
    ),
    rehabilitationSessionsByProgrammeServiceId: loaderOfMany(
      (ids) => findRehabilitationSessionsByProgrammeServiceIds(db, ids),
      (row) => row.programmeServiceId ?? '',
      BY_UUID,
    ),
  }
}

export type Loaders = ReturnType<typeof createLoaders>
