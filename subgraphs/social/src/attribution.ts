import type { RequestAccess } from '@hub/subgraph-kit/access/request'
import type { Viewer } from '@hub/platform/auth/viewer'
import { badUserInput, hubError } from '@hub/platform/errors'
import { isUuid } from '@hub/subgraph-kit/loaders'
import { requireUuid } from '@hub/subgraph-kit/validation'
import type { Side } from './db/database.js'
import type { Loaders } from './loaders.js'

/**
 * Who did it is read from the caller's verified token, never taken on the
 * caller's word: a referral's sender and a registration's source are the
 * caller's side and organisation. A value the input still carries (older
 * clients send it) must agree with the token. The regional coordinator's
 * token names no ministry: it enters the paper referrals and registrations
 * that reach the interagency coordination from a ministry, and names that
 * side and organisation itself.
 */
function forbidden(field: string, rule: 'OWN_SIDE_ONLY' | 'OWN_ORGANISATION_ONLY', message: string) {
  return hubError('FORBIDDEN', rule, `${field}: ${message}`, { field })
}

/** The side a registration or a referral is recorded as coming from. */
export function actingSide(access: RequestAccess, field: string, claimed: Side | null | undefined): Side {
  if (access.class === 'regional') {
    if (!claimed)
      throw badUserInput(field, 'SIDE_REQUIRED', 'the regional coordinator acts on behalf of a side and must name it')
    return claimed
  }
  const own = access.viewer.side?.toUpperCase() as Side
  if (claimed && claimed !== own) {
    throw forbidden(
      field,
      'OWN_SIDE_ONLY',
      `is the caller's own side (${own}), taken from the token; ${claimed} may not be claimed`,
    )
  }
  return own
}

/**
 * The organisation a referral is recorded as sent by: the token's `org`,
 * by its name in the provider registry when it is a provider's id. A token
 * without an organisation (a ministry's own staff, the regional
 * coordinator) leaves the input to name it within the caller's side.
 */
export async function actingOrganisation(
  { access, loaders }: { access: RequestAccess; loaders: Loaders },
  field: string,
  claimed: string | null | undefined,
): Promise<string> {
  const org = access.class === 'regional' ? null : access.viewer.organisation
  if (org === null) {
    if (!claimed?.trim())
      throw badUserInput(field, 'SENDER_REQUIRED', "must name the sending organisation: the caller's token names none")
    return claimed
  }
  const provider = isUuid(org) ? await loaders.providerById.load(org) : null
  const own = provider?.name ?? org
  if (claimed != null && claimed !== own && claimed !== org) {
    throw forbidden(
      field,
      'OWN_ORGANISATION_ONLY',
      `is the caller's own organisation (${own}), taken from the token; another may not be claimed`,
    )
  }
  return own
}

/** The provider a caller works for, if its organisation is one of the registry's. */
export function providerOf(viewer: Viewer) {
  return viewer.organisation !== null && isUuid(viewer.organisation) ? viewer.organisation : null
}

/**
 * The provider whose work a caller asks for (none: every provider's): a provider's staff get their own organisation's
 * (null for staff of no provider), and naming another is refused rather than silently narrowed.
 */
export function workOf(access: RequestAccess, field: string, provider: string | null | undefined) {
  const asked = provider == null ? undefined : requireUuid(field, provider)
  if (access.class !== 'provider') return asked
  const own = providerOf(access.viewer)
  if (asked !== undefined && asked !== own) {
    throw hubError(
      'FORBIDDEN',
      'OWN_ORGANISATION_ONLY',
      `${field}: a provider's staff see only their own organisation's work`,
      {
        field,
      },
    )
  }
  return own
}
