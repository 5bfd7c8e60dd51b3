import { createHash } from 'node:crypto'
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  importJWK,
  jwtVerify,
  SignJWT,
  type FlattenedJWSInput,
  type JWK,
  type JWSHeaderParameters,
} from 'jose'
import { hubError } from '../errors.js'
import { SIGNING_ALGORITHM, SERVICE_KEY_OWNERS, type JsonWebKeySet, type ServiceKeyOwner } from './keys.js'
import { viewerFromClaims, type HubClaims, type Viewer } from './viewer.js'

export interface TokenRules {
  issuer: string
  audience: string
}

/**
 * The header the gateway adds to each call of its query plan: a short-lived token signed with the gateway's own key,
 * bound to the caller's token by its SHA-256 (claim `ath`), so that it proves the call comes from the gateway's plan
 * for this caller and for no other token.
 */
export const GATEWAY_CALL_HEADER = 'x-hub-gateway'
const GATEWAY_SUBJECT = 'gateway'

/** Verifies the bearer token of a request; every service holds one and trusts nothing else. */
export interface TokenVerifier {
  verify(authorization: string | undefined): Promise<Viewer>
  /**
   * Whether a request comes from the gateway's query plan: its `x-hub-gateway` assertion is signed by the gateway's
   * key and bound to this very `authorization`. Without the header, false; with one that does not prove it, refused.
   */
  verifyGatewayCall(assertion: string | string[] | undefined, authorization: string): Promise<boolean>
}

/** Where the keys come from: a key set already read (a file), or a JWKS URL served by an identity provider. */
export type KeySource = { jwks: JsonWebKeySet } | { jwksUrl: string }

/** The service keys a verifier trusts, by owner: a token signed by one is accepted only as that owner's. */
export type ServiceKeySources = Partial<Record<ServiceKeyOwner, readonly KeySource[]>>

function unauthenticated(
  message: string,
  field = 'authorization',
  rule: 'TOKEN_REQUIRED' | 'TOKEN_INVALID' = 'TOKEN_INVALID',
) {
  return hubError('UNAUTHENTICATED', rule, `${field}: ${message}`, { http: { status: 401 } })
}

/** The `ath` claim of a gateway assertion: the SHA-256 of the caller's token, as DPoP binds a proof to its token. */
export function tokenHash(authorization: string) {
  return createHash('sha256').update(bearerToken(authorization)).digest('base64url')
}

function bearerToken(authorization: string) {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization)
  if (!match) throw unauthenticated('expected "Bearer <token>"')
  return match[1]!
}

function describeRejection(error: unknown) {
  if (error instanceof errors.JWTExpired) return 'the token has expired'
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's "${error.claim}" claim is not accepted`
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token is not signed by a trusted key'
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token is not signed by a trusted key'
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return 'the token is not signed with an accepted algorithm'
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError) return 'the token cannot be verified'
  throw error
}

// Asymmetric algorithms only: with a shared secret, any service that can verify could also mint tokens.
const ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA']

/** One key lookup over several sets of one owner (a key being rotated is published beside the new one). */
function keyLookup(sources: readonly KeySource[]) {
  const sets = sources.map((source) =>
    'jwks' in source ? createLocalJWKSet(source.jwks) : createRemoteJWKSet(new URL(source.jwksUrl)),
  )
  return async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    let missing: unknown = new errors.JWKSNoMatchingKey()
    for (const set of sets) {
      try {
        return await set(header, token)
      } catch (error) {
        if (!(error instanceof errors.JWKSNoMatchingKey)) throw error
        missing = error
      }
    }
    throw missing
  }
}

/**
 * How long a verified token is taken on trust without checking its signature again: one dashboard view sends the
 * same token to every subgraph many times a second, and an ECDSA check cost about a tenth of social's CPU under load
 * (docs/development.md, Performance). Short, so that a key withdrawn from the identity provider's set stops working soon.
 */
export const VERIFIED_TOKEN_TTL_MS = 60_000
/** Tokens remembered at most; the oldest is forgotten first. */
const VERIFIED_TOKENS_KEPT = 10_000

/** Whose key signed a token: the identity provider's (a person) or one service's. */
type KeyHolder = 'idp' | ServiceKeyOwner

/**
 * The caller a verified token names, given whose key signed it; or the rule it breaks. Keys are bound to identities:
 * the identity provider vouches for people only, a subgraph's key for that subgraph's own service token only, and
 * the gateway's key for nothing but its assertions.
 */
function viewerSignedBy(holder: KeyHolder, payload: Record<string, unknown>): Viewer | string {
  if (holder === 'gateway') return "a token signed by the gateway's key is only an x-hub-gateway assertion"
  const viewer = viewerFromClaims(payload)
  if (typeof viewer === 'string') return viewer
  if (holder === 'idp') {
    return viewer.role === 'service'
      ? 'claim "role" service is refused in a token of the identity provider; services sign their own'
      : viewer
  }
  const own = viewer.role === 'service' && viewer.side === holder && viewer.subject === `service:${holder}`
  return own && viewer.organisation === null
    ? viewer
    : `a token signed by ${holder}'s service key is accepted only as ${holder}'s service token (role service, side ${holder}, sub service:${holder})`
}

/**
 * The verifier of a service: user tokens only from the identity provider's keys, service tokens only from their
 * owners' keys (`services`, by owner), and the gateway's assertions only from the gateway's. A key set holds one
 * owner's keys; a token is checked against each owner's set in turn and is what its signer may sign, or nothing.
 */
export function createTokenVerifier(
  identityProvider: KeySource | readonly KeySource[],
  rules: TokenRules,
  services: ServiceKeySources = {},
): TokenVerifier {
  const holders: [KeyHolder, ReturnType<typeof keyLookup>][] = [
    // The services' sets are local files as a rule: a miss there costs nothing, unlike one in a served set.
    ...SERVICE_KEY_OWNERS.filter((owner) => services[owner]).map((owner): [KeyHolder, ReturnType<typeof keyLookup>] => [
      owner,
      keyLookup(services[owner]!),
    ]),
    ['idp', keyLookup(Array.isArray(identityProvider) ? identityProvider : [identityProvider as KeySource])],
  ]
  const gatewayKeys = services.gateway ? keyLookup(services.gateway) : undefined
  const options = { issuer: rules.issuer, audience: rules.audience, algorithms: ALGORITHMS }
  const verified = new Map<string, { viewer: Viewer; until: number }>()
  const assertions = new Map<string, { ath: unknown; until: number }>()

  /** The first owner whose keys verify the signature; a key that is not there, or not this one, tries the next. */
  async function verifySigned(token: string) {
    let failure: unknown = new errors.JWKSNoMatchingKey()
    for (const [holder, keys] of holders) {
      try {
        const { payload } = await jwtVerify(token, keys, { ...options, requiredClaims: ['exp', 'sub'] })
        return { holder, payload }
      } catch (error) {
        const notThisOwner =
          error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed
        if (!notThisOwner) throw error
        failure = error
      }
    }
    throw failure
  }

  function remember<T extends { until: number }>(cache: Map<string, T>, key: string, entry: T) {
    cache.delete(key)
    if (cache.size >= VERIFIED_TOKENS_KEPT) cache.delete(cache.keys().next().value!)
    cache.set(key, entry)
  }

  const until = (payload: Record<string, unknown>) =>
    Math.min((payload.exp as number) * 1000, Date.now() + VERIFIED_TOKEN_TTL_MS)

  return {
    async verify(authorization) {
      if (!authorization) throw unauthenticated('a bearer token is required', 'authorization', 'TOKEN_REQUIRED')
      const token = bearerToken(authorization)
      const known = verified.get(token)
      if (known && Date.now() < known.until) return known.viewer
      let signed: Awaited<ReturnType<typeof verifySigned>>
      try {
        signed = await verifySigned(token)
      } catch (error) {
        verified.delete(token)
        throw unauthenticated(describeRejection(error))
      }
      const viewer = viewerSignedBy(signed.holder, signed.payload)
      if (typeof viewer === 'string') throw unauthenticated(viewer)
      remember(verified, token, { viewer, until: until(signed.payload) })
      return viewer
    },

    async verifyGatewayCall(assertion, authorization) {
      if (assertion === undefined) return false
      const refused = (rule: string) => unauthenticated(rule, GATEWAY_CALL_HEADER)
      if (typeof assertion !== 'string') throw refused('must be sent once')
      let known = assertions.get(assertion)
      if (!known || Date.now() >= known.until) {
        if (!gatewayKeys) throw refused("this service trusts no gateway's key")
        try {
          const { payload } = await jwtVerify(assertion, gatewayKeys, {
            ...options,
            subject: GATEWAY_SUBJECT,
            requiredClaims: ['exp', 'ath'],
          })
          known = { ath: payload.ath, until: until(payload) }
        } catch (error) {
          assertions.delete(assertion)
          throw refused(describeRejection(error))
        }
        remember(assertions, assertion, known)
      }
      if (known.ath !== tokenHash(authorization)) throw refused("is bound to another caller's token")
      return true
    },
  }
}

/** Signs the hub's tokens with one private key: development sign-in and the services' own calls. */
export function createTokenSigner(privateJwk: JWK, rules: TokenRules) {
  const key = importJWK(privateJwk, SIGNING_ALGORITHM)
  return {
    async sign(subject: string, claims: HubClaims | { ath: string }, ttlSeconds: number) {
      return new SignJWT({ ...claims })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: privateJwk.kid, typ: 'JWT' })
        .setSubject(subject)
        .setIssuer(rules.issuer)
        .setAudience(rules.audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(await key)
    },
  }
}

export type TokenSigner = ReturnType<typeof createTokenSigner>

const SERVICE_TOKEN_TTL_SECONDS = 300

/**
 * The bearer token a subgraph sends when it calls another on its own
 * behalf (role `service`), renewed well before it expires.
 */
export function createServiceCredentials(signer: TokenSigner, side: 'social' | 'health' | 'education' | 'ngo') {
  let current: { token: Promise<string>; renewAt: number } | undefined
  return {
    authorization() {
      if (!current || Date.now() >= current.renewAt) {
        current = {
          token: signer.sign(`service:${side}`, { side, role: 'service' }, SERVICE_TOKEN_TTL_SECONDS),
          renewAt: Date.now() + (SERVICE_TOKEN_TTL_SECONDS * 1000) / 2,
        }
      }
      return current.token.then((token) => `Bearer ${token}`)
    },
  }
}

export type ServiceCredentials = ReturnType<typeof createServiceCredentials>

const GATEWAY_ASSERTION_TTL_SECONDS = 300

/**
 * The gateway's assertions, one per caller's token, signed once and reused until half their life is over: a busy
 * gateway sees the same few tokens hundreds of times a second, and a signature costs far more than a map lookup.
 */
export function createGatewayAssertions(signer: TokenSigner) {
  const signed = new Map<string, { assertion: Promise<string>; renewAt: number }>()
  return {
    for(authorization: string) {
      const known = signed.get(authorization)
      if (known && Date.now() < known.renewAt) return known.assertion
      const assertion = signer.sign(GATEWAY_SUBJECT, { ath: tokenHash(authorization) }, GATEWAY_ASSERTION_TTL_SECONDS)
      signed.delete(authorization)
      if (signed.size >= VERIFIED_TOKENS_KEPT) signed.delete(signed.keys().next().value!)
      signed.set(authorization, { assertion, renewAt: Date.now() + (GATEWAY_ASSERTION_TTL_SECONDS * 1000) / 2 })
      return assertion
    },
  }
}

export type GatewayAssertions = ReturnType<typeof createGatewayAssertions>
