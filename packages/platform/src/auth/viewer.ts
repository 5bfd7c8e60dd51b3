/** The sides of the hub a user works for; `regional` is the region's interagency coordination. */
export const SIDES = ['health', 'education', 'social', 'ngo', 'regional'] as const
export type Side = (typeof SIDES)[number]

/**
 * What a user does. `public` is the anonymous reader of the public
 * registries (provider registry, catalogue); `service` is one subgraph
 * calling another on its own behalf, never a person.
 */
export const ROLES = ['specialist', 'coordinator', 'analyst', 'administrator', 'public', 'service'] as const
export type Role = (typeof ROLES)[number]

/** The verified caller of one request, from its token's claims. */
export interface Viewer {
  /** The token's `sub`: the user (or service) the IdP vouches for. */
  subject: string
  /** `null` only for the public reader. */
  side: Side | null
  /** The organisation the user works for (for a provider's staff, its id in the provider registry). */
  organisation: string | null
  role: Role
  /**
   * The person's display name (the standard `name` claim, ФИО), when the identity provider puts it into the access
   * token; never required, and never part of an access decision.
   */
  name?: string
}

/** The claims the hub reads from a token, beside the standard `iss`, `aud`, `exp` and `sub`. */
export interface HubClaims {
  side?: Side
  org?: string
  role: Role
  name?: string
}

/** Whose share of a limit a request draws on (a rate, a work budget): the person or service the token vouches for, on their side. */
export function callerKey(viewer: Viewer) {
  return `${viewer.side ?? 'public'}:${viewer.subject}`
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value)
}

/**
 * Reads the hub's claims from a verified payload; returns the rule a
 * token breaks instead, so that the caller can name it.
 */
export function viewerFromClaims(payload: Record<string, unknown>): Viewer | string {
  const { sub, side, org, role } = payload
  const name = displayName(payload.name)
  if (typeof sub !== 'string' || sub === '') return 'claim "sub" must name the user'
  if (!isOneOf(ROLES, role)) return `claim "role" must be one of ${ROLES.join(', ')}`
  if (role === 'public') {
    if (side !== undefined || org !== undefined) return 'a public reader\'s token carries no "side" or "org"'
    return { subject: sub, side: null, organisation: null, role }
  }
  if (!isOneOf(SIDES, side)) return `claim "side" must be one of ${SIDES.join(', ')}`
  if (role === 'service' && side === 'regional') return 'a service token names one of the four subgraphs as its side'
  if (org !== undefined && (typeof org !== 'string' || org === ''))
    return 'claim "org", when present, names an organisation'
  return { subject: sub, side, organisation: org ?? null, role, ...(name !== null && { name }) }
}

/** Longer than any ФИО: a name claim past it is not a person's name and is left unread. */
const NAME_MAX_LENGTH = 200

/** The `name` claim as a display name, or `null` when it is absent or is not a readable name (it is optional). */
function displayName(claim: unknown) {
  if (typeof claim !== 'string') return null
  const name = claim.replace(/\s+/g, ' ').trim()
  return name === '' || name.length > NAME_MAX_LENGTH ? null : name
}
