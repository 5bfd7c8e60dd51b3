import { healthEvents, recordHealthEvent } from '../events.js'
import { healthReference } from '../reference.js'
import { freezeReportIndicatorsOf } from '@hub/side-contract/staffing/indicators'
import { followChildMergeMutation } from '@hub/side-contract/child-merge'
import { endSpecialistEmploymentMutation, staffingMutations } from '@hub/side-contract/staffing/resolvers'
import { idempotentlyById } from '@hub/subgraph-kit/idempotency/idempotency'
import type { MutationResolvers } from '../__generated__/resolvers-types.js'
import { findHealthGroupAssessmentById } from '../db/queries/health_group_assessment.queries.js'
import { findRiskFactorById } from '../db/queries/risk_factor.queries.js'
import { findDispensaryObservationById } from '../db/queries/dispensary_observation.queries.js'
import { findDetectionEventById } from '../db/queries/detection_event.queries.js'
import { findDiagnosisById } from '../db/queries/diagnosis.queries.js'
import { findRehabilitationEpisodeById } from '../db/queries/rehabilitation_episode.queries.js'
import {
  findLastSessionDateBySpecialistId,
  findRehabilitationSessionById,
} from '../db/queries/rehabilitation_session.queries.js'
import { endDispensaryObservation, startDispensaryObservation } from '../services/dispensary-observation.js'
import {
  assessHealthGroup,
  recordDetectionEvent,
  recordDiagnosis,
  recordRiskFactor,
} from '../services/health-records.js'
import {
  closeRehabilitationEpisode,
  openRehabilitationEpisode,
  recordRehabilitationSession,
} from '../services/rehabilitation.js'

// Each mutation is one transaction: a rejected input or a failure at any step leaves nothing written.
export const Mutation: MutationResolvers = {
  ...healthEvents.Mutation,
  ...healthReference.Mutation,
  followChildMerge: (_parent, { input }, { db }) => followChildMergeMutation(db, input),
  freezeReportIndicators: freezeReportIndicatorsOf('HEALTH'),
  recordDetectionEvent: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      recordHealthEvent.after(
        'health.detection_recorded',
        (trx) => recordDetectionEvent(trx, input),
        (row) => ({ detectionEventId: row.id, childId: row.childId }),
      ),
      (id) => findDetectionEventById(context.db, id),
    ),
  assessHealthGroup: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      recordHealthEvent.after(
        'health.group_assessed',
        (trx) => assessHealthGroup(trx, input),
        (row) => ({ healthGroupAssessmentId: row.id, childId: row.childId }),
      ),
      (id) => findHealthGroupAssessmentById(context.db, id),
    ),
  recordDiagnosis: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      recordHealthEvent.after(
        'health.diagnosis_recorded',
        (trx) => recordDiagnosis(trx, input, context.signals),
        (row) => ({ diagnosisId: row.id, childId: row.childId }),
      ),
      (id) => findDiagnosisById(context.db, id),
    ),
  recordRiskFactor: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => recordRiskFactor(trx, input),
      (id) => findRiskFactorById(context.db, id),
    ),
  startDispensaryObservation: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => startDispensaryObservation(trx, input),
      (id) => findDispensaryObservationById(context.db, id),
    ),
  endDispensaryObservation: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => endDispensaryObservation(trx, input)),
  openRehabilitationEpisode: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      (trx) => openRehabilitationEpisode(trx, input),
      (id) => findRehabilitationEpisodeById(context.db, id),
    ),
  closeRehabilitationEpisode: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => closeRehabilitationEpisode(trx, input)),
  recordRehabilitationSession: (_parent, { input }, context, info) =>
    idempotentlyById(
      context,
      info,
      input,
      recordHealthEvent.after(
        'session.recorded',
        (trx) => recordRehabilitationSession(trx, input),
        (row) => ({ sessionId: row.id, episodeId: row.episodeId }),
      ),
      (id) => findRehabilitationSessionById(context.db, id),
    ),
  registerHealthSpecialist: staffingMutations.registerSpecialist,
  recordHealthSpecialistTraining: staffingMutations.recordSpecialistTraining,
  endHealthSpecialistEmployment: endSpecialistEmploymentMutation(findLastSessionDateBySpecialistId),
}
