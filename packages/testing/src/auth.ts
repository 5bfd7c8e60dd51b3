import { exportJWK, generateKeyPair, type JWK } from 'jose'
import { SERVICE_KEY_OWNERS, type ServiceKeyOwner } from '@hub/platform/auth/keys'
import {
  createGatewayAssertions,
  createServiceCredentials,
  createTokenSigner,
  createTokenVerifier,
  type ServiceKeySources,
} from '@hub/platform/auth/tokens'
import type { HubClaims, Side } from '@hub/platform/auth/viewer'
import type { SubgraphName } from '@hub/platform/sides'

/** The identity provider of a test worker and its services' own keys: each a key pair of its own. */
export const TEST_RULES = { issuer: 'early-help-hub-test', audience: 'early-help-hub' }

async function keyPair(kid: string) {
  const pair = await generateKeyPair('ES256', { extractable: true })
  const privateJwk: JWK = { ...(await exportJWK(pair.privateKey)), kid, alg: 'ES256' }
  const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' }] }
  return { privateJwk, jwks }
}

const idp = await keyPair('test-idp-key')
/** The test identity provider's key: it signs user tokens. */
export const testPrivateJwk = idp.privateJwk
export const testJwks = idp.jwks
export const testSigner = createTokenSigner(testPrivateJwk, TEST_RULES)

/** Each service's own test key pair: the gateway's signs its assertions, a subgraph's its service tokens. */
export const testServiceKeys = Object.fromEntries(
  await Promise.all(SERVICE_KEY_OWNERS.map(async (owner) => [owner, await keyPair(`test-${owner}-key`)] as const)),
) as Record<ServiceKeyOwner, Awaited<ReturnType<typeof keyPair>>>
export const testServiceSigners = Object.fromEntries(
  SERVICE_KEY_OWNERS.map((owner) => [owner, createTokenSigner(testServiceKeys[owner].privateJwk, TEST_RULES)]),
) as Record<ServiceKeyOwner, ReturnType<typeof createTokenSigner>>
const serviceSources: ServiceKeySources = Object.fromEntries(
  SERVICE_KEY_OWNERS.map((owner) => [owner, [{ jwks: testServiceKeys[owner].jwks }]]),
)

/** A subgraph's verifier: user tokens from the identity provider, each service's tokens from its own key. */
export const testVerifier = createTokenVerifier({ jwks: testJwks }, TEST_RULES, serviceSources)
/** The gateway's verifier: the identity provider's keys only. */
export const testGatewayVerifier = createTokenVerifier({ jwks: testJwks }, TEST_RULES)
/** What the gateway signs its calls with. */
export const testGatewaySigner = testServiceSigners.gateway
const gatewayAssertions = createGatewayAssertions(testGatewaySigner)

export function testCredentials(side: SubgraphName) {
  return createServiceCredentials(testServiceSigners[side], side)
}

/** A caller in tests: who signs in, with the claims their identity provider gives them. */
export interface TestViewer extends HubClaims {
  subject?: string
}

export const viewers = {
  specialist: (side: Side, org?: string): TestViewer => ({ side, role: 'specialist', org }),
  coordinator: (side: Side, org?: string): TestViewer => ({ side, role: 'coordinator', org }),
  analyst: (side: Side): TestViewer => ({ side, role: 'analyst' }),
  administrator: (side: Side): TestViewer => ({ side, role: 'administrator' }),
  public: (): TestViewer => ({ role: 'public' }),
  /** One subgraph calling another on its own behalf. */
  service: (side: SubgraphName): TestViewer => ({ side, role: 'service', subject: `service:${side}` }),
}

const tokens = new Map<string, Promise<string>>()

/**
 * The `authorization` header of a viewer, signed once per worker and reused: a service's token with that service's
 * key, anyone else's with the identity provider's.
 */
export function authorizationFor(viewer: TestViewer) {
  const { subject = `${viewer.side ?? 'public'}-${viewer.role}${viewer.org ? `-${viewer.org}` : ''}`, ...claims } =
    viewer
  const key = JSON.stringify([subject, claims])
  let token = tokens.get(key)
  if (!token) {
    const signer = viewer.role === 'service' ? testServiceSigners[viewer.side as SubgraphName] : testSigner
    token = signer.sign(subject, claims, 3_600)
    tokens.set(key, token)
  }
  return token.then((value) => `Bearer ${value}`)
}

/** The test gateway's assertion for a caller's `authorization`, as the gateway signs it. */
export function gatewayAssertionFor(authorization: string) {
  return gatewayAssertions.for(authorization)
}

/** The headers of a call the gateway's query plan makes for this caller: its token and the gateway's assertion. */
export async function gatewayCallHeaders(viewer: TestViewer) {
  const authorization = await authorizationFor(viewer)
  return { authorization, 'x-hub-gateway': await gatewayAssertions.for(authorization) }
}
