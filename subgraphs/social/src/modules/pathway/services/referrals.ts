import { recordSocialEvent } from '../../../events.js'
import type { Transaction } from 'kysely'
import { badUserInput, conflict, hubError, notFound } from '@hub/platform/errors'
import { requireNotBefore, requireNotInFuture, requireText, requireUuid } from '@hub/subgraph-kit/validation'
import type { DB, PauseReason, ReferralRejectionReason, Side } from '../../../db/database.js'
import { lockChildById } from '../../registry/queries/child.queries.js'
import { findConsentedScopes } from '../../families/queries/consent.queries.js'
import { findProvidersByIds } from '../../providers/queries/provider.queries.js'
import {
  endOpenReferralPause,
  findPausesByReferralIds,
  findReferralsByChildIds,
  insertReferral,
  insertReferralPause,
  lockReferralById,
  REFERRAL_PURPOSES,
  updateReferral,
} from '../queries/referral.queries.js'
import { recordConsent, type RecordConsentInput } from '../../families/services/consents.js'
import { moveRegistryStatus } from '../../registry/services/registry-status.js'

/** Statuses from which a referral moves the child to REFERRED; later in the pathway the status stays. */
const BEFORE_REFERRAL = new Set(['POTENTIALLY_IN_NEED', 'NOT_IN_NEED', 'CONSULTATION_ONLY'])

/** A referral is open while it is not rejected and its need determination is still to come. */
export const isOpenReferral = (referral: { status: string; needDeterminedOn: string | null }) =>
  referral.status !== 'REJECTED' && referral.needDeterminedOn === null

/** The consent a family signs with the referral, for the provider the child is referred to. */
export type ReferralConsentInput = Omit<RecordConsentInput, 'childId' | 'recipientSide' | 'recipientProviderId'>

/**
 * A referral opens the child's record to the provider (the `referred`
 * rule). A state provider of a ministry processes it under the law that
 * charges it with early help (152-ФЗ ст. 6 ч. 1 п. 4); a non-state one
 * only with the family's consent (ст. 6 ч. 1 п. 1, ст. 9): one in force
 * for that provider, or for all NGOs, given for a purpose the referral
 * serves — recorded before, or signed with the referral and recorded here.
 */
async function requireReferralConsent(
  trx: Transaction<DB>,
  provider: { id: string; side: Side },
  childId: string,
  consent: ReferralConsentInput | null | undefined,
) {
  if (consent) {
    if (!(REFERRAL_PURPOSES as readonly string[]).includes(consent.purpose)) {
      throw badUserInput(
        'input.consent.purpose',
        'REFERRAL_CONSENT_PURPOSE',
        `a referral is covered by a consent for ${REFERRAL_PURPOSES.join(' or ')}`,
      )
    }
    await recordConsent(trx, { ...consent, childId, recipientProviderId: provider.id }, 'input.consent')
    return
  }
  if (provider.side !== 'NGO') return
  for (const purpose of REFERRAL_PURPOSES) {
    const scopes = await findConsentedScopes(trx, { side: 'NGO', providerId: provider.id }, purpose, [childId])
    if (scopes.has(childId)) return
  }
  throw hubError(
    'FORBIDDEN',
    'REFERRAL_NEEDS_CONSENT',
    `input.providerId: a referral to a non-state provider needs the family's consent in force for that provider (or all NGOs) for ${REFERRAL_PURPOSES.join(' or ')}; record it first or give input.consent`,
    { field: 'input.providerId' },
  )
}

/**
 * Any side refers a child of the registry to an approved provider; the clocks start on the day it is received. The
 * sender is the caller (attribution.ts), not a field of the input.
 */
export async function referChild(
  trx: Transaction<DB>,
  input: {
    childId: string
    providerId: string
    reason: string
    receivedOn: string
    consent?: ReferralConsentInput | null
  },
  sender: { side: Side; organisation: string },
) {
  requireUuid('input.childId', input.childId)
  requireUuid('input.providerId', input.providerId)
  const fromOrganisation = requireText('input.fromOrganisation', sender.organisation, 300)
  const reason = requireText('input.reason', input.reason, 2000)
  requireNotInFuture('input.receivedOn', input.receivedOn)
  const [provider] = await findProvidersByIds(trx, [input.providerId])
  if (!provider) throw notFound('input.providerId', 'provider', input.providerId)
  if (provider.moderationStatus !== 'APPROVED') {
    throw badUserInput(
      'input.providerId',
      'PROVIDER_NOT_APPROVED',
      `the provider is ${provider.moderationStatus}; only APPROVED providers receive referrals`,
    )
  }
  const child = await lockChildById(trx, input.childId)
  if (!child) throw notFound('input.childId', 'child', input.childId)
  if (child.registryStatus === 'COMPLETED' || child.registryStatus === 'EXITED') {
    throw badUserInput(
      'input.childId',
      'PATHWAY_CLOSED',
      `the child's pathway is ${child.registryStatus}; register a new episode first`,
    )
  }
  const open = (await findReferralsByChildIds(trx, [child.id])).find(isOpenReferral)
  if (open)
    throw hubError(
      'CONFLICT',
      'OPEN_REFERRAL_EXISTS',
      `input.childId: the child already has an open referral ${open.id}`,
      {
        field: 'input.childId',
        referralId: open.id,
      },
    )
  await requireReferralConsent(trx, provider, child.id, input.consent)
  const referral = await insertReferral(trx, {
    child_id: child.id,
    provider_id: provider.id,
    from_side: sender.side,
    from_organisation: fromOrganisation,
    reason,
    received_on: input.receivedOn,
  })
  if (BEFORE_REFERRAL.has(child.registryStatus)) {
    await moveRegistryStatus(trx, child, 'REFERRED', `Направление к поставщику «${provider.name}»`, 'input.childId')
  }
  await recordSocialEvent(trx, 'referral.sent', {
    referralId: referral.id,
    childId: referral.childId,
    providerId: referral.providerId,
  })
  return referral
}

async function lockReceivedReferral(trx: Transaction<DB>, referralId: string, decidedOn: string) {
  requireUuid('input.referralId', referralId)
  requireNotInFuture('input.decidedOn', decidedOn)
  const referral = await lockReferralById(trx, referralId)
  if (!referral) throw notFound('input.referralId', 'referral', referralId)
  if (referral.status !== 'RECEIVED')
    throw conflict('input.referralId', 'REFERRAL_DECIDED', `the referral is already ${referral.status}`)
  requireNotBefore('input.decidedOn', decidedOn, 'the day the referral was received', referral.receivedOn)
  return referral
}

/** The row lock makes twenty simultaneous acceptances one state change: the others find it ACCEPTED. */
export async function acceptReferral(trx: Transaction<DB>, input: { referralId: string; decidedOn: string }) {
  const referral = await lockReceivedReferral(trx, input.referralId, input.decidedOn)
  const accepted = await updateReferral(trx, referral.id, { status: 'ACCEPTED', decided_on: input.decidedOn })
  await recordReferralDecided(trx, referral)
  return accepted
}

/** The event of a provider's decision on a referral; whether accepted or rejected, a subscriber reads on the hub. */
function recordReferralDecided(trx: Transaction<DB>, referral: { id: string; childId: string; providerId: string }) {
  return recordSocialEvent(trx, 'referral.decided', {
    referralId: referral.id,
    childId: referral.childId,
    providerId: referral.providerId,
  })
}

export async function rejectReferral(
  trx: Transaction<DB>,
  input: { referralId: string; decidedOn: string; reason: ReferralRejectionReason; note?: string | null },
) {
  const note = input.note?.trim() ? requireText('input.note', input.note, 2000) : null
  if (input.reason === 'OTHER' && !note)
    throw badUserInput('input.note', 'NOTE_REQUIRED', 'must explain a rejection for OTHER reasons')
  const referral = await lockReceivedReferral(trx, input.referralId, input.decidedOn)
  const rejected = await updateReferral(trx, referral.id, {
    status: 'REJECTED',
    decided_on: input.decidedOn,
    rejection_reason: input.reason,
    rejection_note: note,
  })
  const child = await lockChildById(trx, referral.childId)
  const stillOpen = (await findReferralsByChildIds(trx, [referral.childId])).some(isOpenReferral)
  if (child?.registryStatus === 'REFERRED' && !stillOpen) {
    await moveRegistryStatus(
      trx,
      child,
      'POTENTIALLY_IN_NEED',
      `Направление отклонено: ${input.reason}`,
      'input.referralId',
    )
  }
  await recordReferralDecided(trx, rejected)
  return rejected
}

/** A documented reason stops the referral's clocks from the given day until resumeReferralClock. */
export async function pauseReferralClock(
  trx: Transaction<DB>,
  input: { referralId: string; reason: PauseReason; note?: string | null; startedOn: string },
) {
  requireUuid('input.referralId', input.referralId)
  requireNotInFuture('input.startedOn', input.startedOn)
  const note = input.note?.trim() ? requireText('input.note', input.note, 2000) : null
  if (input.reason === 'OTHER' && !note)
    throw badUserInput('input.note', 'NOTE_REQUIRED', 'must document a pause for OTHER reasons')
  const referral = await lockReferralById(trx, input.referralId)
  if (!referral) throw notFound('input.referralId', 'referral', input.referralId)
  if (referral.status === 'REJECTED')
    throw conflict('input.referralId', 'CLOCK_NOT_RUNNING', 'a rejected referral has no running clock')
  requireNotBefore('input.startedOn', input.startedOn, 'the day the referral was received', referral.receivedOn)
  const pauses = await findPausesByReferralIds(trx, [referral.id])
  if (pauses.some((pause) => pause.endedOn === null))
    throw conflict('input.referralId', 'CLOCK_PAUSED', 'the clock is already paused')
  const overlapping = pauses.find((pause) => pause.endedOn !== null && pause.endedOn >= input.startedOn)
  if (overlapping)
    throw badUserInput(
      'input.startedOn',
      'PAUSE_OVERLAPS',
      `must be after the previous pause, which ended on ${overlapping.endedOn}`,
      { day: overlapping.endedOn! },
    )
  await insertReferralPause(trx, { referral_id: referral.id, reason: input.reason, note, started_on: input.startedOn })
  return referral
}

export async function resumeReferralClock(trx: Transaction<DB>, input: { referralId: string; endedOn: string }) {
  requireUuid('input.referralId', input.referralId)
  requireNotInFuture('input.endedOn', input.endedOn)
  const referral = await lockReferralById(trx, input.referralId)
  if (!referral) throw notFound('input.referralId', 'referral', input.referralId)
  const open = (await findPausesByReferralIds(trx, [referral.id])).find((pause) => pause.endedOn === null)
  if (!open) throw conflict('input.referralId', 'CLOCK_NOT_PAUSED', 'the clock is not paused')
  requireNotBefore('input.endedOn', input.endedOn, 'the day the pause started', open.startedOn)
  await endOpenReferralPause(trx, referral.id, input.endedOn)
  return referral
}
