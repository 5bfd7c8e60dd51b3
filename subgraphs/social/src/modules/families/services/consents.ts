import { recordSocialEvent } from '../../../events.js'
import type { Kysely, Transaction } from 'kysely'
import type { ChildGrant, GrantSource } from '@hub/subgraph-kit/access/request'
import type { ConsentScope as ScopeName } from '@hub/subgraph-kit/access/policy'
import { isUuid } from '@hub/subgraph-kit/loaders'
import { badUserInput, conflict, notFound } from '@hub/platform/errors'
import { regionDay } from '@hub/platform/region-time'
import { inForce, requireText, requireUuid, today } from '@hub/subgraph-kit/validation'
import type { AccessPurpose, ConsentRecipientSide, ConsentScope, DB } from '../../../db/database.js'
import type { Side } from '@hub/platform/auth/viewer'
import { lockChildById } from '../../registry/queries/child.queries.js'
import {
  findConsentedScopes,
  insertConsent,
  lockConsentById,
  updateConsent,
  type ConsentRecipient,
} from '../queries/consent.queries.js'
import { findLegalRepresentativesByIds } from '../queries/family.queries.js'
import { findProvidersByIds } from '../../providers/queries/provider.queries.js'
import { findChildIdsReferredTo } from '../../pathway/queries/referral.queries.js'

export interface RecordConsentInput {
  childId: string
  representativeId: string
  purpose: AccessPurpose
  recipientSide?: ConsentRecipientSide | null
  recipientProviderId?: string | null
  scopes: readonly ConsentScope[]
  document: string
  givenAt?: Date | string | null
}

function moment(field: string, value: Date | string) {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) throw badUserInput(field, 'INVALID_MOMENT', 'must be a moment in ISO 8601')
  if (date.getTime() > Date.now())
    throw badUserInput(field, 'DATE_IN_FUTURE', 'must not be in the future', { today: today() })
  return date
}

/**
 * Records a legal representative's written consent to share a child's
 * data of some scopes with one recipient for one purpose. The one who
 * signs must represent the child's family on the day it was given. `at`
 * names the input the consent came in (a referral carries one as
 * `input.consent`).
 */
export async function recordConsent(trx: Transaction<DB>, input: RecordConsentInput, at = 'input') {
  requireUuid('input.childId', input.childId)
  requireUuid(`${at}.representativeId`, input.representativeId)
  const hasSide = input.recipientSide != null
  const hasProvider = input.recipientProviderId != null
  if (hasSide === hasProvider) {
    throw badUserInput(
      `${at}.recipientSide`,
      'CONSENT_ONE_RECIPIENT',
      'name exactly one recipient: a side or a provider (recipientProviderId)',
    )
  }
  if (input.scopes.length === 0) throw badUserInput(`${at}.scopes`, 'LIST_EMPTY', 'must name at least one scope')
  const scopes = [...new Set(input.scopes)].sort()
  const document = requireText(`${at}.document`, input.document)
  const givenAt = moment(`${at}.givenAt`, input.givenAt ?? new Date())
  const givenOn = regionDay(givenAt)

  const child = await lockChildById(trx, input.childId)
  if (!child) throw notFound('input.childId', 'child', input.childId)
  if (child.mergedIntoId !== null) {
    throw conflict(
      'input.childId',
      'RECORD_MERGED',
      `this record was merged into ${child.mergedIntoId}; record the consent there`,
    )
  }
  const [representative] = await findLegalRepresentativesByIds(trx, [input.representativeId])
  if (!representative) throw notFound(`${at}.representativeId`, 'legal representative', input.representativeId)
  if (child.familyId === null || representative.familyId !== child.familyId) {
    throw conflict(`${at}.representativeId`, 'NOT_A_REPRESENTATIVE', "must represent the child's family")
  }
  if (!inForce(representative.validFrom, representative.validTo, givenOn)) {
    throw conflict(
      `${at}.representativeId`,
      'REPRESENTATION_NOT_IN_FORCE',
      `the representation is not in force on ${givenOn}, when the consent was given`,
      { day: givenOn },
    )
  }
  if (hasProvider) {
    requireUuid(`${at}.recipientProviderId`, input.recipientProviderId!)
    const [provider] = await findProvidersByIds(trx, [input.recipientProviderId!])
    if (!provider) throw notFound(`${at}.recipientProviderId`, 'provider', input.recipientProviderId!)
  }
  const consent = await insertConsent(trx, {
    child_id: child.id,
    representative_id: representative.id,
    purpose: input.purpose,
    recipient_side: input.recipientSide ?? null,
    recipient_provider_id: input.recipientProviderId ?? null,
    scopes,
    document,
    given_at: givenAt.toISOString(),
  })
  await recordSocialEvent(trx, 'consent.given', { consentId: consent.id, childId: consent.childId })
  return consent
}

/** Revokes a consent from now on: every read after this moment is decided without it. */
export async function revokeConsent(trx: Transaction<DB>, input: { consentId: string; note?: string | null }) {
  requireUuid('input.consentId', input.consentId)
  const consent = await lockConsentById(trx, input.consentId)
  if (!consent) throw notFound('input.consentId', 'consent', input.consentId)
  if (consent.revokedAt !== null) throw conflict('input.consentId', 'CONSENT_REVOKED', 'the consent is already revoked')
  const revoked = await updateConsent(trx, consent.id, {
    revoked_at: new Date().toISOString(),
    revocation_note: input.note == null ? null : requireText('input.note', input.note),
  })
  await recordSocialEvent(trx, 'consent.revoked', { consentId: consent.id, childId: consent.childId })
  return revoked
}

/**
 * What opens children's data to a caller, from social's own records: the
 * consents in force for the caller's side or organisation, and the
 * referrals to its organisation. The other subgraphs ask for the same
 * through `accessGrants`.
 */
export function grantsFromRegistry(db: Kysely<DB>): GrantSource {
  return (viewer, purpose, childIds) =>
    viewer.side === null
      ? Promise.resolve(new Map())
      : findGrants(db, viewer.side, viewer.organisation, purpose, childIds)
}

/** The recipient a consent names for a user: their side, and their organisation where it is a provider of the registry. */
export function consentRecipient(side: Side, organisation: string | null): ConsentRecipient {
  return {
    side: side.toUpperCase() as ConsentRecipientSide,
    providerId: organisation !== null && isUuid(organisation) ? organisation : null,
  }
}

/** The grants of the children for a recipient — a side, and the organisation its user works for — and a purpose. */
export async function findGrants(
  db: Kysely<DB>,
  recipientSide: Side,
  organisation: string | null,
  purpose: AccessPurpose,
  childIds: readonly string[],
) {
  const grants = new Map<string, ChildGrant>()
  if (childIds.length === 0) return grants
  const recipient = consentRecipient(recipientSide, organisation)
  const { providerId } = recipient
  const [scopes, referred] = await Promise.all([
    findConsentedScopes(db, recipient, purpose, childIds),
    providerId === null ? Promise.resolve([]) : findChildIdsReferredTo(db, providerId, childIds),
  ])
  const referredSet = new Set(referred)
  for (const childId of childIds) {
    grants.set(childId, {
      consentScopes: (scopes.get(childId) ?? []) as ScopeName[],
      referred: referredSet.has(childId),
    })
  }
  return grants
}
