import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, importJWK, SignJWT, UnsecuredJWT } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTokenSigner, createTokenVerifier, VERIFIED_TOKEN_TTL_MS } from '@hub/platform/auth/tokens'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { authorizationFor, testJwks, testPrivateJwk, TEST_RULES, viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { postGraphQL } from '@hub/testing/graphql'
import { startHub, type Hub } from '../support/hub.js'

const CHILD_QUERY = /* GraphQL */ `
  query {
    __typename
  }
`
const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
    }
  }
`

const now = () => Math.floor(Date.now() / 1000)

/** Tokens a caller might send, each broken in one way. */
async function badTokens() {
  const key = await importJWK(testPrivateJwk, 'ES256')
  const stranger = await generateKeyPair('ES256')
  const staff = { side: 'health', role: 'specialist' }
  const jwt = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: testPrivateJwk.kid })
      .setSubject('someone')
      .setIssuedAt()
  const valid = (claims: Record<string, unknown>) =>
    jwt(claims).setIssuer(TEST_RULES.issuer).setAudience(TEST_RULES.audience).setExpirationTime('1h')
  return {
    'an expired token': await valid(staff)
      .setExpirationTime(now() - 60)
      .sign(key),
    'a token for another audience': await valid(staff).setAudience('another-system').sign(key),
    'a token from another issuer': await valid(staff).setIssuer('someone-else').sign(key),
    'a token without an expiry': await jwt(staff)
      .setIssuer(TEST_RULES.issuer)
      .setAudience(TEST_RULES.audience)
      .sign(key),
    'an unsigned token': new UnsecuredJWT(staff)
      .setSubject('someone')
      .setIssuer(TEST_RULES.issuer)
      .setAudience(TEST_RULES.audience)
      .setExpirationTime('1h')
      .encode(),
    'a token signed by an untrusted key': await valid(staff).sign(stranger.privateKey),
    'a token with an unknown role': await valid({ side: 'health', role: 'superuser' }).sign(key),
    'a staff token without a side': await valid({ role: 'specialist' }).sign(key),
  }
}

function expectUnauthenticated(response: Awaited<ReturnType<typeof postGraphQL>>, rule: RegExp) {
  expect(response.status).toBe(401)
  expect(response.data ?? null).toBeNull()
  expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
  expect(response.errors?.[0]?.message).toMatch(rule)
  expect(response.errors?.[0]?.extensions?.rule).toMatch(/^TOKEN_(REQUIRED|INVALID)$/)
}

describe.each(backends)('authentication (%s)', (backend) => {
  let hub: Hub
  let tokens: Record<string, string>
  /** Requests each subgraph has received, counted at its HTTP server. */
  const received = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])) as Record<SubgraphName, number>

  beforeAll(async () => {
    hub = await startHub(backend)
    for (const name of SUBGRAPH_NAMES) hub.services[name].httpServer.on('request', () => (received[name] += 1))
    tokens = await badTokens()
  })
  afterAll(() => hub.stop())

  it.each(SUBGRAPH_NAMES)('the %s subgraph refuses a request and an _entities call without a token', async (name) => {
    const url = hub.services[name].url
    expectUnauthenticated(await postGraphQL(url, CHILD_QUERY, {}, undefined), /bearer token is required/)
    expectUnauthenticated(
      await postGraphQL(
        url,
        ENTITIES,
        { representations: [{ __typename: 'Child', id: crypto.randomUUID() }] },
        undefined,
      ),
      /bearer token is required/,
    )
    expectUnauthenticated(await postGraphQL(url, CHILD_QUERY, {}, 'Basic dXNlcjpwYXNz'), /expected "Bearer <token>"/)
  })

  it.each(SUBGRAPH_NAMES)('the %s subgraph refuses every kind of bad token, _entities included', async (name) => {
    const url = hub.services[name].url
    const rules: Record<string, RegExp> = {
      'an expired token': /has expired/,
      'a token for another audience': /"aud" claim is not accepted/,
      'a token from another issuer': /"iss" claim is not accepted/,
      'a token without an expiry': /"exp" claim/,
      'an unsigned token': /accepted algorithm|cannot be verified/,
      'a token signed by an untrusted key': /not signed by a trusted key/,
      'a token with an unknown role': /claim "role" must be one of/,
      'a staff token without a side': /claim "side" must be one of/,
    }
    for (const [kind, token] of Object.entries(tokens)) {
      const response = await postGraphQL(
        url,
        ENTITIES,
        { representations: [{ __typename: 'Child', id: crypto.randomUUID() }] },
        `Bearer ${token}`,
      )
      expect(response.status, kind).toBe(401)
      expect(response.errors?.[0]?.message, kind).toMatch(rules[kind]!)
    }
  })

  it('the gateway refuses a request without a valid token before any subgraph is called', async () => {
    const before = { ...received }
    expectUnauthenticated(await postGraphQL(hub.gateway.url, CHILD_QUERY, {}, undefined), /bearer token is required/)
    for (const token of Object.values(tokens)) {
      const response = await postGraphQL(
        hub.gateway.url,
        '{ child(id: "00000000-0000-4000-8000-000000000000") { id } }',
        {},
        `Bearer ${token}`,
      )
      expect(response.status).toBe(401)
    }
    expect(received).toEqual(before)
  })

  it('the gateway forwards a valid token, which each subgraph verifies again', async () => {
    const before = { ...received }
    const response = await postGraphQL(
      hub.gateway.url,
      '{ child(id: "00000000-0000-4000-8000-000000000000") { id health { healthGroup { group } } } }',
      {},
      await authorizationFor(viewers.coordinator('regional')),
    )
    expect(response.errors).toBeUndefined()
    expect(response.data).toEqual({ child: null })
    expect(received.social).toBe(before.social + 1)
  })
})

describe('a key set served by an identity provider', () => {
  let server: Server
  let url: string

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(testJwks))
    })
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`
  })
  afterAll(() => new Promise((resolveClose) => server.close(resolveClose)))

  it('verifies tokens with keys fetched from a JWKS URL', async () => {
    const verifier = createTokenVerifier({ jwksUrl: url }, TEST_RULES)
    const viewer = await verifier.verify(await authorizationFor(viewers.specialist('education', 'org-1')))
    expect(viewer).toEqual({
      subject: 'education-specialist-org-1',
      side: 'education',
      organisation: 'org-1',
      role: 'specialist',
    })
  })

  it("verifies with the identity provider's served set and a file of the subgraphs' service keys together", async () => {
    const service = await generateKeyPair('ES256', { extractable: true })
    const serviceJwk = { ...(await exportJWK(service.privateKey)), kid: 'health-service-1' }
    const serviceSet = { keys: [{ ...(await exportJWK(service.publicKey)), kid: 'health-service-1', alg: 'ES256' }] }
    const verifier = createTokenVerifier({ jwksUrl: url }, TEST_RULES, { health: [{ jwks: serviceSet }] })
    const serviceToken = await createTokenSigner(serviceJwk, TEST_RULES).sign(
      'service:health',
      { side: 'health', role: 'service' },
      60,
    )
    expect((await verifier.verify(`Bearer ${serviceToken}`)).role).toBe('service')
    expect((await verifier.verify(await authorizationFor(viewers.coordinator('regional')))).side).toBe('regional')
  })

  it('refuses a token whose key the served set does not hold', async () => {
    const other = await generateKeyPair('ES256', { extractable: true })
    const jwk = { ...(await exportJWK(other.privateKey)), kid: 'other' }
    const token = await createTokenSigner(jwk, TEST_RULES).sign('x', { side: 'health', role: 'specialist' }, 60)
    const verifier = createTokenVerifier({ jwksUrl: url }, TEST_RULES)
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toThrow(/not signed by a trusted key/)
  })
})

describe('a verified token remembered', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('is taken without a new signature check only until it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const signer = createTokenSigner(testPrivateJwk, TEST_RULES)
    const token = `Bearer ${await signer.sign('short-lived', { side: 'health', role: 'specialist' }, 2)}`
    const verifier = createTokenVerifier({ jwks: testJwks }, TEST_RULES)
    expect((await verifier.verify(token)).subject).toBe('short-lived')
    expect((await verifier.verify(token)).subject).toBe('short-lived')
    vi.setSystemTime(Date.now() + 3_000)
    await expect(verifier.verify(token)).rejects.toThrow(/the token has expired/)
  })

  it('is checked again once the remembered time is over, so a key the identity provider withdrew stops working', async () => {
    let served: object = testJwks
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(served))
    })
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen))
    try {
      vi.useFakeTimers({ toFake: ['Date'] })
      const verifier = createTokenVerifier(
        { jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json` },
        TEST_RULES,
      )
      const signer = createTokenSigner(testPrivateJwk, TEST_RULES)
      const token = `Bearer ${await signer.sign('long-lived', { side: 'health', role: 'specialist' }, 3 * 3600)}`
      expect((await verifier.verify(token)).subject).toBe('long-lived')
      served = { keys: [] }
      expect((await verifier.verify(token)).subject).toBe('long-lived')
      // Past both this cache and jose's own cache of the served set (10 minutes).
      vi.setSystemTime(Date.now() + Math.max(VERIFIED_TOKEN_TTL_MS, 600_000) + 1_000)
      await expect(verifier.verify(token)).rejects.toThrow(/not signed by a trusted key/)
    } finally {
      await new Promise((resolveClose) => server.close(resolveClose))
    }
  })
})
