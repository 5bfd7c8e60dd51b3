import type { Insertable, Transaction } from 'kysely'
import { badUserInput, conflict, notFound } from '@hub/platform/errors'
import { requireNotBefore, requireNotInFuture, requireText, requireUuid } from '@hub/subgraph-kit/validation'
import type { ChildCriterionTable, DB, Side } from '../../../db/database.js'
import { lockChildById } from '../queries/child.queries.js'
import { insertCriteria, lockCriterionById, updateCriterion } from '../queries/child_criterion.queries.js'

export interface CriterionInput {
  code: ChildCriterionTable['code']
  evidenceDocument: string
  evidenceDate: string
  validFrom: string
  validTo?: string | null
}

/** Criteria that follow from a family decision are set and ended with that decision, never by hand. */
const FROM_FAMILY_DECISION = new Set<string>(['FAMILY_SOP', 'FAMILY_TJS'])

/** Checks one criterion and turns it into a row; `field` names it in errors (`input.criteria[0]`). */
export function criterionRow(
  field: string,
  childId: string,
  source: Side,
  input: CriterionInput,
): Insertable<ChildCriterionTable> {
  if (FROM_FAMILY_DECISION.has(input.code)) {
    throw badUserInput(
      `${field}.code`,
      'CRITERION_FROM_FAMILY_DECISION',
      `${input.code} is set by recordFamilySituation from the family's decision`,
    )
  }
  return {
    child_id: childId,
    code: input.code,
    source,
    evidence_document: requireText(`${field}.evidenceDocument`, input.evidenceDocument),
    evidence_date: requireNotInFuture(`${field}.evidenceDate`, input.evidenceDate),
    valid_from: input.validFrom,
    valid_to: requireNotBefore(`${field}.validTo`, input.validTo, `${field}.validFrom`, input.validFrom),
  }
}

export async function addCriterion(
  trx: Transaction<DB>,
  input: { childId: string; source: Side; criterion: CriterionInput },
) {
  requireUuid('input.childId', input.childId)
  const row = criterionRow('input.criterion', input.childId, input.source, input.criterion)
  if (!(await lockChildById(trx, input.childId))) throw notFound('input.childId', 'child', input.childId)
  const [criterion] = await insertCriteria(trx, [row])
  return criterion!
}

export async function endCriterion(trx: Transaction<DB>, input: { criterionId: string; validTo: string }) {
  requireUuid('input.criterionId', input.criterionId)
  const criterion = await lockCriterionById(trx, input.criterionId)
  if (!criterion) throw notFound('input.criterionId', 'criterion', input.criterionId)
  if (criterion.familySituationId) {
    throw badUserInput(
      'input.criterionId',
      'CRITERION_FROM_FAMILY_DECISION',
      'a criterion from a family decision ends with endFamilySituation',
    )
  }
  if (criterion.validTo !== null && criterion.validTo <= input.validTo) {
    throw conflict('input.criterionId', 'ALREADY_ENDED', `the criterion already ended on ${criterion.validTo}`, {
      day: criterion.validTo,
    })
  }
  requireNotBefore('input.validTo', input.validTo, 'the criterion’s validFrom', criterion.validFrom)
  return updateCriterion(trx, criterion.id, { valid_to: input.validTo })
}
