import { reportTerritories } from '../../../kit/src/staffing/indicators.js'
import { followChildMergeMutation } from '../../../kit/src/child-merge.js'
import { endSpecialistEmploymentMutation, staffingMutations } from '../../../kit/src/staffing/resolvers.js'
import type { MutationResolvers } from '../__generated__/resolvers-types.js'
import { findLastEducationSessionDateBySpecialistId } from '../db/queries/education_session.queries.js'
import { freezeReportIndicators } from '../services/indicators.js'
import { recordPmpkConclusion, validateRecordPmpkConclusion } from '../services/pmpk.js'
import {
  applyForPreschool,
  directToKindergarten,
  enrolInKindergarten,
  validateApplyForPreschool,
  validateDirectToKindergarten,
  validateEnrolInKindergarten,
  validateWithdrawPreschoolApplication,
  withdrawPreschoolApplication,
} from '../services/preschool.js'
import { recordEducationSession, validateRecordEducationSession } from '../services/sessions.js'

// Each mutation checks its input before it opens its one transaction; a rule broken later rolls the whole of it back.
export const Mutation: MutationResolvers = {
  followChildMerge: (_parent, { input }, { db }) => followChildMergeMutation(db, input),
  freezeReportIndicators: (_parent, { input }, { db }) => {
    const territories = reportTerritories(input)
    return db.transaction().execute((trx) => freezeReportIndicators(trx, territories))
  },
  recordPmpkConclusion: (_parent, { input }, { db }) => {
    const conclusion = validateRecordPmpkConclusion(input)
    return db.transaction().execute((trx) => recordPmpkConclusion(trx, conclusion))
  },
  applyForPreschool: (_parent, { input }, { db }) => {
    const application = validateApplyForPreschool(input)
    return db.transaction().execute((trx) => applyForPreschool(trx, application))
  },
  directToKindergarten: (_parent, { input }, { db }) => {
    const direction = validateDirectToKindergarten(input)
    return db.transaction().execute((trx) => directToKindergarten(trx, direction))
  },
  enrolInKindergarten: (_parent, { input }, { db }) => {
    const enrolment = validateEnrolInKindergarten(input)
    return db.transaction().execute((trx) => enrolInKindergarten(trx, enrolment))
  },
  withdrawPreschoolApplication: (_parent, { input }, { db }) => {
    const withdrawal = validateWithdrawPreschoolApplication(input)
    return db.transaction().execute((trx) => withdrawPreschoolApplication(trx, withdrawal))
  },
  recordEducationSession: (_parent, { input }, { db }) => {
    const session = validateRecordEducationSession(input)
    return db.transaction().execute((trx) => recordEducationSession(trx, session))
  },
  registerEducationSpecialist: staffingMutations.registerSpecialist,
  recordEducationSpecialistTraining: staffingMutations.recordSpecialistTraining,
  endEducationSpecialistEmployment: endSpecialistEmploymentMutation(findLastEducationSessionDateBySpecialistId),
}
