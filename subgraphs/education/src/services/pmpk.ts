import type { Transaction } from 'kysely'
import { writeSignal } from '@hub/side-contract/signals/delivery'
import type { NewSignal } from '@hub/side-contract/signals/signal_outbox.queries'
import { badUserInput, conflict, isUniqueViolation } from '@hub/platform/errors'
import { requireNotInFuture, requireText, requireUuid } from '@hub/subgraph-kit/validation'
import type { RecordPmpkConclusionInput } from '../__generated__/resolvers-types.js'
import type { DB } from '../db/database.js'
import { findPmpkConclusionByNumber, insertPmpkConclusion } from '../db/queries/pmpk_conclusion.queries.js'

export function validateRecordPmpkConclusion(input: RecordPmpkConclusionInput) {
  const conclusion = {
    // The child is social's: education checks the form of the id, not that the registry holds the child.
    childId: requireUuid('input.childId', input.childId),
    number: requireText('input.number', input.number, 64),
    commission: requireText('input.commission', input.commission, 300),
    concludedOn: requireNotInFuture('input.concludedOn', input.concludedOn),
    needsSpecialConditions: input.needsSpecialConditions,
    recommendedProgramme: input.recommendedProgramme,
    recommendedConditions: input.recommendedConditions.map((condition, i) =>
      requireText(`input.recommendedConditions[${i}]`, condition, 500),
    ),
  }
  // A child with ОВЗ is one the commission finds unable to learn without special conditions (273-ФЗ, ст. 2 п. 16),
  // and an adapted programme is the programme of such a child (ст. 79): the three answers must agree.
  if (conclusion.needsSpecialConditions && conclusion.recommendedConditions.length === 0) {
    throw badUserInput(
      'input.recommendedConditions',
      'SPECIAL_CONDITIONS_REQUIRED',
      'must name at least one condition when needsSpecialConditions is true',
    )
  }
  if (conclusion.recommendedProgramme === 'ADAPTED' && !conclusion.needsSpecialConditions) {
    throw badUserInput(
      'input.recommendedProgramme',
      'ADAPTED_NEEDS_CONDITIONS',
      'may be ADAPTED only when needsSpecialConditions is true (an adapted programme is for a child with ОВЗ)',
    )
  }
  return conclusion
}

export async function recordPmpkConclusion(
  trx: Transaction<DB>,
  conclusion: ReturnType<typeof validateRecordPmpkConclusion>,
) {
  const taken = await findPmpkConclusionByNumber(trx, conclusion.commission, conclusion.number)
  if (taken) {
    throw conflict(
      'input.number',
      'NUMBER_TAKEN',
      `the commission’s conclusion with this number is already recorded (${taken.id})`,
    )
  }
  let recorded
  try {
    recorded = await insertPmpkConclusion(trx, {
      child_id: conclusion.childId,
      number: conclusion.number,
      commission: conclusion.commission,
      concluded_on: conclusion.concludedOn,
      needs_special_conditions: conclusion.needsSpecialConditions,
      recommended_programme: conclusion.recommendedProgramme,
      recommended_conditions: conclusion.recommendedConditions,
    })
  } catch (error) {
    // The same conclusion sent twice at once: the unique index lets the first through and stops the second here.
    if (isUniqueViolation(error)) {
      throw conflict('input.number', 'NUMBER_TAKEN', 'the commission’s conclusion with this number is already recorded')
    }
    throw error
  }
  await signalPmpkConclusion(trx, recorded)
  return recorded
}

/**
 * Child find (ПП № 1099): a conclusion recommending special conditions is what the status of a child with ОВЗ rests
 * on (273-ФЗ, ст. 2 п. 16), so it proposes the regional criterion OVZ_PMPK rather than the broader
 * DEVELOPMENTAL_PARTICULARITY, which health and providers report. The signal carries the conclusion's id and date,
 * not its content; any other conclusion sends none.
 */
export function pmpkSignal(conclusion: {
  id: string
  childId: string
  concludedOn: string
  needsSpecialConditions: boolean
}): NewSignal | null {
  if (!conclusion.needsSpecialConditions) return null
  return {
    childId: conclusion.childId,
    kind: 'PMPK_SPECIAL_CONDITIONS',
    proposedCriterion: 'OVZ_PMPK',
    sourceRecordId: conclusion.id,
    recordedOn: conclusion.concludedOn,
  }
}

/** Written to the outbox in the conclusion's own transaction. */
async function signalPmpkConclusion(trx: Transaction<DB>, conclusion: Parameters<typeof pmpkSignal>[0]) {
  const signal = pmpkSignal(conclusion)
  if (signal) await writeSignal(trx, signal)
}
