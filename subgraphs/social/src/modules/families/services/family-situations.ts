import type { Transaction } from 'kysely'
import { conflict, notFound } from '@hub/platform/errors'
import { addMonths, requireNotBefore, requireNotInFuture, requireText, requireUuid } from '@hub/subgraph-kit/validation'
import type { DB } from '../../../db/database.js'
import { findChildrenByFamilyIds } from '../../registry/queries/child.queries.js'
import { endCriteriaOfFamilySituation, insertCriteria } from '../../registry/queries/child_criterion.queries.js'
import {
  type FamilySituationRow,
  insertFamilySituation,
  lockFamilySituationById,
  updateFamilySituation,
} from '../queries/family.queries.js'
import { requireFamily } from './lookups.js'

type Situation = Pick<FamilySituationRow, 'id' | 'kind' | 'decisionNumber' | 'decidedOn' | 'endedOn'>

/**
 * Gives each child the FAMILY_TJS or FAMILY_SOP criterion of each decision about its family, from the latest of `from`
 * (the day the child joined the family), the decision and the birth, to the end of the decision, when the child is
 * under 3 on that first day (ПП № 1099).
 */
export async function giveSituationCriteria(
  trx: Transaction<DB>,
  situations: readonly Situation[],
  children: readonly { id: string; birthDate: string }[],
  from: string,
) {
  const rows = situations.flatMap((situation) =>
    children.flatMap((child) => {
      const validFrom = [from, situation.decidedOn, child.birthDate].reduce((a, b) => (a > b ? a : b))
      if (situation.endedOn !== null && situation.endedOn < validFrom) return []
      if (child.birthDate <= addMonths(validFrom, -36)) return []
      return [
        {
          child_id: child.id,
          code: situation.kind === 'SOP' ? ('FAMILY_SOP' as const) : ('FAMILY_TJS' as const),
          source: 'SOCIAL' as const,
          evidence_document: `Решение № ${situation.decisionNumber}`,
          evidence_date: situation.decidedOn,
          valid_from: validFrom,
          valid_to: situation.endedOn,
          family_situation_id: situation.id,
        },
      ]
    }),
  )
  if (rows.length > 0) await insertCriteria(trx, rows)
}

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
  await requireFamily(trx, 'input.familyId', input.familyId)
  const situation = await insertFamilySituation(trx, {
    family_id: input.familyId,
    kind: input.kind,
    decision_number: decisionNumber,
    decided_on: input.decidedOn,
  })
  await giveSituationCriteria(trx, [situation], await findChildrenByFamilyIds(trx, [input.familyId]), input.decidedOn)
  return situation
}

export async function endFamilySituation(trx: Transaction<DB>, input: { familySituationId: string; endedOn: string }) {
  requireUuid('input.familySituationId', input.familySituationId)
  const situation = await lockFamilySituationById(trx, input.familySituationId)
  if (!situation) throw notFound('input.familySituationId', 'family situation', input.familySituationId)
  if (situation.endedOn !== null)
    throw conflict('input.familySituationId', 'ALREADY_ENDED', `already ended on ${situation.endedOn}`, {
      day: situation.endedOn,
    })
  requireNotBefore('input.endedOn', input.endedOn, 'the decision date', situation.decidedOn)
  await endCriteriaOfFamilySituation(trx, situation.id, input.endedOn)
  return updateFamilySituation(trx, situation.id, { ended_on: input.endedOn })
}
