import { exportJWK, generateKeyPair, type JWK } from 'jose'
import {
  createServiceCredentials,
  createTokenSigner,
  createTokenVerifier,
} from '../../subgraphs/kit/src/auth/tokens.js'
import type { HubClaims, Side } from '../../subgraphs/kit/src/auth/viewer.js'
import type { SubgraphName } from '../../subgraphs/kit/src/config.js'

/** The identity provider of a test worker: its own key pair, trusted by every service the worker starts. */
export const TEST_RULES = { issuer: 'early-help-hub-test', audience: 'early-help-hub' }

const pair = await generateKeyPair('ES256', { extractable: true })
export const testPrivateJwk: JWK = { ...(await exportJWK(pair.privateKey)), kid: 'test-key', alg: 'ES256' }
export const testJwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' }] }
export const testSigner = createTokenSigner(testPrivateJwk, TEST_RULES)
export const testVerifier = createTokenVerifier({ jwks: testJwks }, TEST_RULES)

export function testCredentials(side: SubgraphName) {
  return createServiceCredentials(testSigner, side)
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

/** The `authorization` header of a viewer, signed once per worker and reused. */
export function authorizationFor(viewer: TestViewer) {
  const { subject = `${viewer.side ?? 'public'}-${viewer.role}${viewer.org ? `-${viewer.org}` : ''}`, ...claims } =
    viewer
  const key = JSON.stringify([subject, claims])
  let token = tokens.get(key)
  if (!token) {
    token = testSigner.sign(subject, claims, 3_600)
    tokens.set(key, token)
  }
  return token.then((value) => `Bearer ${value}`)
}
