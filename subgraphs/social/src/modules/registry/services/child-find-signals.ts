import type { Transaction } from 'kysely'
import type { Viewer } from '@hub/platform/auth/viewer'
import { badUserInput, conflict, hubError, notFound } from '@hub/platform/errors'
import { enumLabels } from '@hub/platform/enum-labels'
import { requireNotInFuture, requireText, requireUuid } from '@hub/subgraph-kit/validation'
import { typeDefs } from '../../../schema.js'
import type { ChildCriterionTable, ChildFindSignalKind, DB, SignalSide } from '../../../db/database.js'
import { findChildrenByIds } from '../queries/child.queries.js'
import { findCriterionInForce } from '../queries/child_criterion.queries.js'
import {
  findChildFindSignalById,
  insertChildFindSignal,
  lockChildFindSignalById,
  updateChildFindSignal,
} from '../queries/child_find_signal.queries.js'
import { addCriterion } from './criteria.js'

/**
 * What each side vouches for by a signal: the kinds of its own records that meet a target-group criterion, and the
 * criterion each proposes. Health: a health group IV or V, a diagnosis from the region's МКБ-10 list (a particularity
 * of development, without the diagnosis), a confirmed positive screening. Education: a ПМПК conclusion recommending
 * special conditions, which is what the status of a child with ОВЗ rests on.
 */
export const SIGNAL_PROPOSALS: Readonly<
  Record<ChildFindSignalKind, { side: SignalSide; criterion: ChildCriterionTable['code'] }>
> = {
  HEALTH_GROUP_IV: { side: 'HEALTH', criterion: 'HEALTH_GROUP_IV_V' },
  HEALTH_GROUP_V: { side: 'HEALTH', criterion: 'HEALTH_GROUP_IV_V' },
  LISTED_DIAGNOSIS: { side: 'HEALTH', criterion: 'DEVELOPMENTAL_PARTICULARITY' },
  NEONATAL_SCREENING_CONFIRMED: { side: 'HEALTH', criterion: 'SCREENING_POSITIVE' },
  AUDIOLOGY_SCREENING_CONFIRMED: { side: 'HEALTH', criterion: 'SCREENING_POSITIVE' },
  PMPK_SPECIAL_CONDITIONS: { side: 'EDUCATION', criterion: 'OVZ_PMPK' },
}

const SENDERS: Readonly<Record<string, SignalSide>> = { health: 'HEALTH', education: 'EDUCATION' }

const label = enumLabels(typeDefs)

/**
 * The evidence document of an accepted signal's criterion, as a coordinator reads it on the card beside the evidence
 * date (the record's): «Сигнал выявления: здравоохранение, установлена V группа здоровья» — the side and the kind of
 * record in the schema's own Russian terms, never the record's content (no diagnosis). The record's id stays on the
 * signal.
 */
export function signalEvidence(signal: { source: SignalSide; kind: ChildFindSignalKind }) {
  // Only the first letter of a term is lowered: ПМПК and МКБ-10 stay as they are.
  const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)
  return `Сигнал выявления: ${lower(label('Side', signal.source))}, ${lower(label('ChildFindSignalKind', signal.kind))}`
}

export interface ReceivedSignal {
  id: string
  childId: string
  kind: ChildFindSignalKind
  proposedCriterion: ChildCriterionTable['code']
  sourceRecordId: string
  recordedOn: string
}

/**
 * Keeps a signal a side delivered from its outbox, once by its id: the side is the one whose service token made the
 * call, never a field of the input. A second delivery of the same signal returns it and creates nothing.
 */
export async function receiveChildFindSignal(trx: Transaction<DB>, viewer: Viewer, input: ReceivedSignal) {
  const source = viewer.role === 'service' && viewer.side !== null ? SENDERS[viewer.side] : undefined
  if (!source) {
    throw hubError('FORBIDDEN', 'SIGNAL_SENDER', 'receiveChildFindSignal: only health and education send signals', {
      field: 'receiveChildFindSignal',
    })
  }
  requireUuid('input.id', input.id)
  requireUuid('input.childId', input.childId)
  requireUuid('input.sourceRecordId', input.sourceRecordId)
  requireNotInFuture('input.recordedOn', input.recordedOn)
  const proposal = SIGNAL_PROPOSALS[input.kind]
  if (proposal.side !== source) {
    throw badUserInput('input.kind', 'SIGNAL_OF_OTHER_SIDE', `${input.kind} is sent by ${proposal.side}`)
  }
  if (proposal.criterion !== input.proposedCriterion) {
    throw badUserInput('input.proposedCriterion', 'SIGNAL_CRITERION', `${input.kind} proposes ${proposal.criterion}`)
  }
  const [child] = await findChildrenByIds(trx, [input.childId])
  if (!child) throw notFound('input.childId', 'child', input.childId)
  const inserted = await insertChildFindSignal(trx, {
    id: input.id,
    // A record made for a child whose registry record was merged meanwhile is the surviving child's.
    child_id: child.mergedIntoId ?? child.id,
    source,
    kind: input.kind,
    proposed_criterion: input.proposedCriterion,
    source_record_id: input.sourceRecordId,
    recorded_on: input.recordedOn,
  })
  if (inserted) return inserted
  const kept = (await findChildFindSignalById(trx, input.id))!
  if (kept.source !== source) {
    throw conflict('input.id', 'SIGNAL_ID_TAKEN', 'a signal with this id came from another side')
  }
  return kept
}

async function lockNewSignal(trx: Transaction<DB>, signalId: string) {
  requireUuid('input.signalId', signalId)
  const signal = await lockChildFindSignalById(trx, signalId)
  if (!signal) throw notFound('input.signalId', 'child-find signal', signalId)
  if (signal.status !== 'NEW') {
    throw conflict('input.signalId', 'SIGNAL_DECIDED', `the signal is already ${signal.status.toLowerCase()}`)
  }
  return signal
}

/**
 * Accepts a signal: the child gets the proposed criterion through the same rules as `addCriterion`, its source the
 * signal's side and its evidence the signal's record and date. A criterion of that code already in force is the
 * signal's outcome instead of a second one.
 */
export async function acceptChildFindSignal(trx: Transaction<DB>, viewer: Viewer, input: { signalId: string }) {
  const signal = await lockNewSignal(trx, input.signalId)
  const held = await findCriterionInForce(trx, signal.childId, signal.proposedCriterion)
  const criterion =
    held ??
    (await addCriterion(trx, {
      childId: signal.childId,
      source: signal.source,
      criterion: {
        code: signal.proposedCriterion,
        evidenceDocument: signalEvidence(signal),
        evidenceDate: signal.recordedOn,
        validFrom: signal.recordedOn,
      },
    }))
  return updateChildFindSignal(trx, signal.id, {
    status: 'ACCEPTED',
    decided_by: viewer.subject,
    criterion_id: criterion.id,
  })
}

export async function dismissChildFindSignal(
  trx: Transaction<DB>,
  viewer: Viewer,
  input: { signalId: string; reason: string },
) {
  const reason = requireText('input.reason', input.reason, 1000)
  const signal = await lockNewSignal(trx, input.signalId)
  return updateChildFindSignal(trx, signal.id, {
    status: 'DISMISSED',
    decided_by: viewer.subject,
    dismiss_reason: reason,
  })
}
