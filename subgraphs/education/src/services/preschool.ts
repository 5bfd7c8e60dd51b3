import type { Transaction } from 'kysely'
import { badUserInput, conflict, isUniqueViolation, notFound } from '@hub/platform/errors'
import { requireNotBefore, requireNotInFuture, requireUuid } from '@hub/subgraph-kit/validation'
import type {
  ApplyForPreschoolInput,
  DirectToKindergartenInput,
  EnrolInKindergartenInput,
  WithdrawPreschoolApplicationInput,
} from '../__generated__/resolvers-types.js'
import type { DB, PreschoolGroupType, PreschoolStatus } from '../db/database.js'
import { findKindergartenById } from '../db/queries/kindergarten.queries.js'
import { findLatestPmpkConclusionByChildId } from '../db/queries/pmpk_conclusion.queries.js'
import {
  findActivePreschoolApplicationByChildId,
  insertPreschoolApplication,
  lockPreschoolApplicationById,
  updatePreschoolApplication,
} from '../db/queries/preschool_application.queries.js'

/*
 * The preschool queue: QUEUED → DIRECTED → ENROLLED, and QUEUED or DIRECTED → WITHDRAWN.
 *
 * Which code a refusal carries, the same way for every step:
 * - BAD_USER_INPUT: a value of the input breaks a rule, whether the rule needs the database or not (an enrolment
 *   date before the application was made, a group type the child's ПМПК conclusion does not allow). The caller fixes
 *   the value and sends again.
 * - CONFLICT on `input.applicationId`: the application is not in a state the step starts from (directing an enrolled
 *   one, withdrawing a withdrawn one), or the child already has an application in force. Nothing in the input is
 *   wrong; the recorded state has moved on, usually because someone else acted first, and sending the same request
 *   again cannot succeed. This is how health and ngo answer "already closed" and "already left".
 * - NOT_FOUND: an id that names no application or kindergarten.
 */

const IN_FORCE: readonly PreschoolStatus[] = ['QUEUED', 'DIRECTED']
/**
 * Compensatory groups are for children with ОВЗ, and combined ones hold places for them apart (приказ Минпросвещения
 * России № 373); a direction to either is recorded here as a place for a child with ОВЗ, which a ПМПК conclusion opens.
 */
const FOR_CHILDREN_WITH_OVZ: readonly PreschoolGroupType[] = ['COMPENSATORY', 'COMBINED']

export function validateApplyForPreschool(input: ApplyForPreschoolInput) {
  // The child is social's: education checks the form of the id, not that the registry holds the child.
  const childId = requireUuid('input.childId', input.childId)
  const appliedOn = requireNotInFuture('input.appliedOn', input.appliedOn)
  requireNotBefore('input.desiredStartOn', input.desiredStartOn, 'appliedOn', appliedOn)
  return { childId, appliedOn, desiredStartOn: input.desiredStartOn }
}

export async function applyForPreschool(
  trx: Transaction<DB>,
  application: ReturnType<typeof validateApplyForPreschool>,
) {
  const inForce = await findActivePreschoolApplicationByChildId(trx, application.childId)
  if (inForce) {
    throw conflict(
      'input.childId',
      'APPLICATION_IN_FORCE',
      `the child already has an application in force (${inForce.id}, ${inForce.status}); withdraw it before applying again`,
    )
  }
  try {
    return await insertPreschoolApplication(trx, {
      child_id: application.childId,
      applied_on: application.appliedOn,
      desired_start_on: application.desiredStartOn,
      status: 'QUEUED',
    })
  } catch (error) {
    // Two applications for one child at once: the partial unique index lets the first through and stops the second.
    if (isUniqueViolation(error))
      throw conflict('input.childId', 'APPLICATION_IN_FORCE', 'the child already has an application in force')
    throw error
  }
}

/** The application, locked until commit, in one of the states the step may start from. */
async function lockApplicationIn(
  trx: Transaction<DB>,
  applicationId: string,
  from: readonly PreschoolStatus[],
  step: string,
) {
  const application = await lockPreschoolApplicationById(trx, applicationId)
  if (!application) throw notFound('input.applicationId', 'preschool application', applicationId)
  if (!from.includes(application.status)) {
    throw conflict(
      'input.applicationId',
      'APPLICATION_STATUS',
      `the application is ${application.status}; only an application that is ${from.join(' or ')} can be ${step}`,
    )
  }
  return application
}

export function validateDirectToKindergarten(input: DirectToKindergartenInput) {
  return {
    applicationId: requireUuid('input.applicationId', input.applicationId),
    kindergartenId: requireUuid('input.kindergartenId', input.kindergartenId),
    groupType: input.groupType,
  }
}

export async function directToKindergarten(
  trx: Transaction<DB>,
  direction: ReturnType<typeof validateDirectToKindergarten>,
) {
  const application = await lockApplicationIn(trx, direction.applicationId, ['QUEUED'], 'directed')
  const kindergarten = await findKindergartenById(trx, direction.kindergartenId)
  if (!kindergarten) throw notFound('input.kindergartenId', 'kindergarten', direction.kindergartenId)
  if (kindergarten.closedOn !== null) {
    throw conflict('input.kindergartenId', 'KINDERGARTEN_CLOSED', `closed on ${kindergarten.closedOn}`, {
      day: kindergarten.closedOn,
    })
  }
  if (FOR_CHILDREN_WITH_OVZ.includes(direction.groupType)) {
    // The latest conclusion is the one in force: a later GENERAL one supersedes an earlier ADAPTED one.
    const conclusion = await findLatestPmpkConclusionByChildId(trx, application.childId)
    if (conclusion?.recommendedProgramme !== 'ADAPTED') {
      const found = conclusion
        ? `the latest one (№ ${conclusion.number} of ${conclusion.concludedOn}) recommends ${conclusion.recommendedProgramme}`
        : 'the child has none'
      throw badUserInput(
        'input.groupType',
        'ADAPTED_GROUP_NEEDS_PMPK',
        `${direction.groupType} requires the child’s latest ПМПК conclusion to recommend the ADAPTED programme; ${found}`,
      )
    }
  }
  return updatePreschoolApplication(trx, application.id, {
    status: 'DIRECTED',
    kindergarten_id: kindergarten.id,
    group_type: direction.groupType,
  })
}

export function validateEnrolInKindergarten(input: EnrolInKindergartenInput) {
  return {
    applicationId: requireUuid('input.applicationId', input.applicationId),
    enrolledOn: requireNotInFuture('input.enrolledOn', input.enrolledOn),
  }
}

export async function enrolInKindergarten(
  trx: Transaction<DB>,
  enrolment: ReturnType<typeof validateEnrolInKindergarten>,
) {
  const application = await lockApplicationIn(trx, enrolment.applicationId, ['DIRECTED'], 'enrolled')
  requireNotBefore(
    'input.enrolledOn',
    enrolment.enrolledOn,
    `the application’s appliedOn (${application.appliedOn})`,
    application.appliedOn,
  )
  return updatePreschoolApplication(trx, application.id, { status: 'ENROLLED', enrolled_on: enrolment.enrolledOn })
}

export function validateWithdrawPreschoolApplication(input: WithdrawPreschoolApplicationInput) {
  return {
    applicationId: requireUuid('input.applicationId', input.applicationId),
    reason: input.reason,
  }
}

export async function withdrawPreschoolApplication(
  trx: Transaction<DB>,
  withdrawal: ReturnType<typeof validateWithdrawPreschoolApplication>,
) {
  const application = await lockApplicationIn(trx, withdrawal.applicationId, IN_FORCE, 'withdrawn')
  // A withdrawn direction keeps its kindergarten and group: they tell which place was declined.
  return updatePreschoolApplication(trx, application.id, { status: 'WITHDRAWN', withdrawal_reason: withdrawal.reason })
}
