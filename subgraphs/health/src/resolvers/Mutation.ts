import { freezeReportIndicatorsOf } from '../../../kit/src/staffing/indicators.js'
import { followChildMergeMutation } from '../../../kit/src/child-merge.js'
import { endSpecialistEmploymentMutation, staffingMutations } from '../../../kit/src/staffing/resolvers.js'
import type { MutationResolvers } from '../__generated__/resolvers-types.js'
import { findLastSessionDateBySpecialistId } from '../db/queries/rehabilitation_session.queries.js'
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
  followChildMerge: (_parent, { input }, { db }) => followChildMergeMutation(db, input),
  freezeReportIndicators: freezeReportIndicatorsOf('HEALTH'),
  recordDetectionEvent: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => recordDetectionEvent(trx, input)),
  assessHealthGroup: (_parent, { input }, { db }) => db.transaction().execute((trx) => assessHealthGroup(trx, input)),
  recordDiagnosis: (_parent, { input }, { db }) => db.transaction().execute((trx) => recordDiagnosis(trx, input)),
  recordRiskFactor: (_parent, { input }, { db }) => db.transaction().execute((trx) => recordRiskFactor(trx, input)),
  startDispensaryObservation: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => startDispensaryObservation(trx, input)),
  endDispensaryObservation: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => endDispensaryObservation(trx, input)),
  openRehabilitationEpisode: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => openRehabilitationEpisode(trx, input)),
  closeRehabilitationEpisode: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => closeRehabilitationEpisode(trx, input)),
  recordRehabilitationSession: (_parent, { input }, { db }) =>
    db.transaction().execute((trx) => recordRehabilitationSession(trx, input)),
  registerHealthSpecialist: staffingMutations.registerSpecialist,
  recordHealthSpecialistTraining: staffingMutations.recordSpecialistTraining,
  endHealthSpecialistEmployment: endSpecialistEmploymentMutation(findLastSessionDateBySpecialistId),
}
