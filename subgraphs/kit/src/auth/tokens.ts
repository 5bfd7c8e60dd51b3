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
import { SIGNING_ALGORITHM, type JsonWebKeySet } from './keys.js'
import { viewerFromClaims, type HubClaims, type Viewer } from './viewer.js'

export interface TokenRules {
  issuer: string
  audience: string
}

/** Verifies the bearer token of a request; every service holds one and trusts nothing else. */
export interface TokenVerifier {
  verify(authorization: string | undefined): Promise<Viewer>
}

/** Where the keys come from: a key set already read (a file), or a JWKS URL served by an identity provider. */
export type KeySource = { jwks: JsonWebKeySet } | { jwksUrl: string }

function unauthenticated(rule: string) {
  return hubError('UNAUTHENTICATED', `authorization: ${rule}`, { http: { status: 401 } })
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

/**
 * One key lookup over several sets — the identity provider's and the
 * subgraphs' service keys may be published apart — taking the first set
 * that holds the token's key.
 */
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
 * (README, Performance). Short, so that a key withdrawn from the identity provider's set stops working soon.
 */
export const VERIFIED_TOKEN_TTL_MS = 60_000
/** Tokens remembered at most; the oldest is forgotten first. */
const VERIFIED_TOKENS_KEPT = 10_000

export function createTokenVerifier(sources: KeySource | readonly KeySource[], rules: TokenRules): TokenVerifier {
  const keys = keyLookup(Array.isArray(sources) ? sources : [sources as KeySource])
  const verified = new Map<string, { viewer: Viewer; until: number }>()
  return {
    async verify(authorization) {
      if (!authorization) throw unauthenticated('a bearer token is required')
      const match = /^Bearer\s+(\S+)$/i.exec(authorization)
      if (!match) throw unauthenticated('expected "Bearer <token>"')
      const token = match[1]!
      const known = verified.get(token)
      if (known && Date.now() < known.until) return known.viewer
      let payload: Record<string, unknown>
      try {
        ;({ payload } = await jwtVerify(token, keys, {
          issuer: rules.issuer,
          audience: rules.audience,
          algorithms: ALGORITHMS,
          requiredClaims: ['exp', 'sub'],
        }))
      } catch (error) {
        verified.delete(token)
        throw unauthenticated(describeRejection(error))
      }
      const viewer = viewerFromClaims(payload)
      if (typeof viewer === 'string') throw unauthenticated(viewer)
      verified.delete(token)
      if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!)
      verified.set(token, {
        viewer,
        until: Math.min((payload.exp as number) * 1000, Date.now() + VERIFIED_TOKEN_TTL_MS),
      })
      return viewer
    },
  }
}

/** Signs the hub's tokens with one private key: development sign-in and the services' own calls. */
export function createTokenSigner(privateJwk: JWK, rules: TokenRules) {
  const key = importJWK(privateJwk, SIGNING_ALGORITHM)
  return {
    async sign(subject: string, claims: HubClaims, ttlSeconds: number) {
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
