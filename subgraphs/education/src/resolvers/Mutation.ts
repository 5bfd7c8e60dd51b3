import { educationEvents, recordEducationEvent } from '../events.js'
import { educationReference } from '../reference.js'
import { reportTerritories } from '@hub/side-contract/staffing/indicators'
import { followChildMergeMutation } from '@hub/side-contract/child-merge'
import { endSpecialistEmploymentMutation, staffingMutations } from '@hub/side-contract/staffing/resolvers'
import { idempotentlyById } from '@hub/subgraph-kit/idempotency/idempotency'
import { attachScanMutation } from '@hub/subgraph-kit/attachments/resolvers'
import type { MutationResolvers } from '../__generated__/resolvers-types.js'
import { findPmpkConclusionById } from '../db/queries/pmpk_conclusion.queries.js'
import { findPreschoolApplicationById } from '../db/queries/preschool_application.queries.js'
import {
  findEducationSessionById,
  findLastEducationSessionDateBySpecialistId,
} from '../db/queries/education_session.queries.js'
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
  ...educationEvents.Mutation,
  ...educationReference.Mutation,
  followChildMerge: (_parent, { input }, { db }) => followChildMergeMutation(db, input),
  attachEducationScan: (_parent, { input }, context, info) => attachScanMutation(context, info, input),
  freezeReportIndicators: (_parent, { input }, { db }) => {
    const territories = reportTerritories(input)
    return db.transaction().execute((trx) => freezeReportIndicators(trx, territories))
  },
  recordPmpkConclusion: (_parent, { input }, context, info) => {
    const conclusion = validateRecordPmpkConclusion(input)
    return idempotentlyById(
      context,
      info,
      input,
      recordEducationEvent.after(
        'pmpk.concluded',
        (trx) => recordPmpkConclusion(trx, conclusion),
        (row) => ({ pmpkConclusionId: row.id, childId: row.childId }),
      ),
      (id) => findPmpkConclusionById(context.db, id),
    )
  },
  applyForPreschool: (_parent, { input }, context, info) => {
    const application = validateApplyForPreschool(input)
    return idempotentlyById(
      context,
      info,
      input,
      (trx) => applyForPreschool(trx, application),
      (id) => findPreschoolApplicationById(context.db, id),
    )
  },
  directToKindergarten: (_parent, { input }, { db }) => {
    const direction = validateDirectToKindergarten(input)
    return db.transaction().execute((trx) => directToKindergarten(trx, direction))
  },
  enrolInKindergarten: (_parent, { input }, { db }) => {
    const enrolment = validateEnrolInKindergarten(input)
    return db.transaction().execute(
      recordEducationEvent.after(
        'preschool.enrolled',
        (trx) => enrolInKindergarten(trx, enrolment),
        (row) => ({ preschoolApplicationId: row.id, childId: row.childId }),
      ),
    )
  },
  withdrawPreschoolApplication: (_parent, { input }, { db }) => {
    const withdrawal = validateWithdrawPreschoolApplication(input)
    return db.transaction().execute((trx) => withdrawPreschoolApplication(trx, withdrawal))
  },
  recordEducationSession: (_parent, { input }, context, info) => {
    const session = validateRecordEducationSession(input)
    return idempotentlyById(
      context,
      info,
      input,
      recordEducationEvent.after(
        'session.recorded',
        (trx) => recordEducationSession(trx, session),
        (row) => ({ sessionId: row.id, childId: row.childId }),
      ),
      (id) => findEducationSessionById(context.db, id),
    )
  },
  registerEducationSpecialist: staffingMutations.registerSpecialist,
  recordEducationSpecialistTraining: staffingMutations.recordSpecialistTraining,
  endEducationSpecialistEmployment: endSpecialistEmploymentMutation(findLastEducationSessionDateBySpecialistId),
}
