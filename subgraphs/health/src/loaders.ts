import type { Kysely } from 'kysely'
import { isUuid, loaderOfMany, loaderOfOne } from '@hub/subgraph-kit/loaders'
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

const byUuid = { isValidKey: isUuid }

/** Created once per request (context.ts): one SQL statement per batch of keys. */
export function createLoaders(db: Kysely<DB>) {
  return {
    healthGroupByChildId: loaderOfOne(
      (ids) => findCurrentHealthGroupsByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    detectionEventsByChildId: loaderOfMany(
      (ids) => findDetectionEventsByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    diagnosesByChildId: loaderOfMany(
      (ids) => findDiagnosesByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    riskFactorsByChildId: loaderOfMany(
      (ids) => findRiskFactorsByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    dispensaryObservationsByChildId: loaderOfMany(
      (ids) => findDispensaryObservationsByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    rehabilitationEpisodesByChildId: loaderOfMany(
      (ids) => findRehabilitationEpisodesByChildIds(db, ids),
      (row) => row.childId,
      byUuid,
    ),
    rehabilitationSessionsByEpisodeId: loaderOfMany(
      (ids) => findRehabilitationSessionsByEpisodeIds(db, ids),
      (row) => row.episodeId,
      byUuid,
    ),
    rehabilitationSessionsByProgrammeServiceId: loaderOfMany(
      (ids) => findRehabilitationSessionsByProgrammeServiceIds(db, ids),
      (row) => row.programmeServiceId ?? '',
      byUuid,
    ),
  }
}

export type Loaders = ReturnType<typeof createLoaders>
