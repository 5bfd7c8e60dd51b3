import type { Transaction } from 'kysely'
import { conflict, notFound } from '../../../kit/src/errors.js'
import {
  addMonths,
  requireNotBefore,
  requireNotInFuture,
  requireText,
  requireUuid,
} from '../../../kit/src/validation.js'
import type { DB } from '../db/database.js'
import { findChildrenOfFamilyBornAfter } from '../db/queries/child.queries.js'
import { endCriteriaOfFamilySituation, insertCriteria } from '../db/queries/child_criterion.queries.js'
import {
  findFamiliesByIds,
  insertFamilySituation,
  lockFamilySituationById,
  updateFamilySituation,
} from '../db/queries/family.queries.js'

/**
 * A family found in ТЖС or СОП gives each of its children under 3 the
 * matching criterion for as long as the decision stands (ПП № 1099).
 */
export async function recordFamilySituation(
  trx: Transaction<DB>,
  input: { familyId: string; kind: 'TJS' | 'SOP'; decisionNumber: string; decidedOn: string },
) {
  requireUuid('input.familyId', input.familyId)
  const decisionNumber = requireText('input.decisionNumber', input.decisionNumber, 100)
  requireNotInFuture('input.decidedOn', input.decidedOn)
  if ((await findFamiliesByIds(trx, [input.familyId])).length === 0) {
    throw notFound('input.familyId', 'family', input.familyId)
  }
  const situation = await insertFamilySituation(trx, {
    family_id: input.familyId,
    kind: input.kind,
    decision_number: decisionNumber,
    decided_on: input.decidedOn,
  })
  const children = await findChildrenOfFamilyBornAfter(trx, input.familyId, addMonths(input.decidedOn, -36))
  if (children.length > 0) {
    await insertCriteria(
      trx,
      children.map((child) => ({
        child_id: child.id,
        code: input.kind === 'SOP' ? ('FAMILY_SOP' as const) : ('FAMILY_TJS' as const),
        source: 'SOCIAL' as const,
        evidence_document: `Решение № ${decisionNumber}`,
        evidence_date: input.decidedOn,
        valid_from: input.decidedOn,
        family_situation_id: situation.id,
      })),
    )
  }
  return situation
}

export async function endFamilySituation(trx: Transaction<DB>, input: { familySituationId: string; endedOn: string }) {
  requireUuid('input.familySituationId', input.familySituationId)
  const situation = await lockFamilySituationById(trx, input.familySituationId)
  if (!situation) throw notFound('input.familySituationId', 'family situation', input.familySituationId)
  if (situation.endedOn !== null) throw conflict('input.familySituationId', `already ended on ${situation.endedOn}`)
  requireNotBefore('input.endedOn', input.endedOn, 'the decision date', situation.decidedOn)
  await endCriteriaOfFamilySituation(trx, situation.id, input.endedOn)
  return updateFamilySituation(trx, situation.id, { ended_on: input.endedOn })
}
