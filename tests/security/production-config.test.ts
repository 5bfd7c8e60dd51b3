import { fetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig as loadGatewayConfig } from '../../gateway/src/config.js'
import { startGateway } from '../../gateway/src/server.js'
import { loadSubgraphConfig } from '@hub/subgraph-kit/config'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { DEFAULT_SUBGRAPH_LIMITS } from '@hub/platform/limits'
import { startSubgraphServer } from '@hub/subgraph-kit/server'
import { type RunningService } from '@hub/platform/service'
import { DEFAULT_TRANSPORT } from '@hub/platform/transport'
import { authorizationFor, testGatewaySigner, testGatewayVerifier, testVerifier, viewers } from '@hub/testing/auth'
import { backends, openTestDatabase, type TestDatabase } from '@hub/testing/databases'
import { supergraphSdl } from '../support/hub.js'
import { subgraphs } from '../support/subgraphs.js'
import { NO_SOCIAL_URL, sideGrants } from '@hub/testing/subgraph'
import type { DB as HealthDB } from '../../subgraphs/health/src/db/database.js'
import { healthSubgraph } from '../../subgraphs/health/test/support/subgraph.js'

const NO_CHILD = '00000000-0000-4000-8000-000000000000'
/** A field of health's Child mistyped: graphql-js suggests the right name unless told not to. */
const MISTYPED = `{ _entities(representations: [{ __typename: "Child", id: "${NO_CHILD}" }]) { ... on Child { helth { id } } } }`

async function post(url: string, query: string, authorization: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query }),
  })
  return { status: response.status, text: await response.text() }
}

describe.each(backends)('production configuration at every door (%s)', (backend) => {
  let database: TestDatabase<HealthDB>
  let development: RunningService
  let production: RunningService
  let gateway: RunningService
  let specialist: string

  beforeAll(async () => {
    database = await openTestDatabase<HealthDB>(healthSubgraph, backend)
    const start = (options: { production: boolean }) =>
      startSubgraphServer(subgraphs.health.create({ db: database.db, grants: sideGrants('health') }), {
        host: '127.0.0.1',
        port: 0,
        verifier: testVerifier,
        database: database.db,
        ...options,
      })
    development = await start({ production: false })
    production = await start({ production: true })
    gateway = await startGateway(
      {
        supergraphSdl,
        verifier: testGatewayVerifier,
        callSigner: testGatewaySigner,
        subgraphs: Object.fromEntries(
          SUBGRAPH_NAMES.map((name) => [
            name,
            { url: name === 'health' ? production.url : NO_SOCIAL_URL, timeoutMs: 1_000 },
          ]),
        ),
      },
      { host: '127.0.0.1', port: 0, production: true },
    )
    specialist = await authorizationFor(viewers.specialist('health'))
  })
  afterAll(async () => {
    for (const service of [gateway, production, development]) await service?.stop()
    await database?.close()
  })

  describe('a subgraph in production', () => {
    it('suggests no field name, where one in development does', async () => {
      const suggested = await post(development.url, MISTYPED, specialist)
      expect(suggested.text).toMatch(/Did you mean/)
      const answer = await post(production.url, MISTYPED, specialist)
      expect(answer.status).toBe(400)
      expect(answer.text).toMatch(/Cannot query field \\"helth\\" on type \\"Child\\"\./)
      expect(answer.text).not.toMatch(/Did you mean/)
    })

    it('refuses introspection', async () => {
      const answer = await post(production.url, '{ __schema { queryType { name } } }', specialist)
      expect(answer.status).toBe(400)
      expect(answer.text).toMatch(/introspection is not allowed/)
    })
  })

  describe('every answer', () => {
    it.each(['/graphql', '/healthz', '/readyz', '/metrics', '/nowhere'])(
      'names no software behind it (%s), at the gateway and at a subgraph',
      async (path) => {
        for (const service of [gateway, production]) {
          const response = await fetch(new URL(path, service.url), {
            method: path === '/graphql' ? 'POST' : 'GET',
            headers: { 'content-type': 'application/json', authorization: specialist },
            body: path === '/graphql' ? JSON.stringify({ query: '{ __typename }' }) : undefined,
          })
          await response.arrayBuffer()
          expect(response.headers.get('x-powered-by')).toBeNull()
        }
      },
    )
  })

  describe('/readyz', () => {
    it.each([
      ['no token', undefined],
      ['a specialist', viewers.specialist('health')],
      ['a coordinator', viewers.coordinator('regional')],
    ] as const)('answers %s with the status only', async (_who, viewer) => {
      const headers: Record<string, string> = viewer ? { authorization: await authorizationFor(viewer) } : {}
      const atGateway = await fetch(new URL('/readyz', gateway.url), { headers })
      expect(atGateway.status).toBe(200)
      expect(await atGateway.json()).toEqual({ status: 'ready' })
      const atSubgraph = await fetch(new URL('/readyz', production.url), { headers })
      expect(atSubgraph.status).toBe(200)
      expect(await atSubgraph.json()).toEqual({ status: 'ready' })
    })

    it("gives an administrator the subgraphs' URLs and circuits, and a service token the database's state", async () => {
      const administrator = await authorizationFor(viewers.administrator('regional'))
      const atGateway = await fetch(new URL('/readyz', gateway.url), { headers: { authorization: administrator } })
      const detail = (await atGateway.json()) as { subgraphs: { name: string; url: string; circuit: string }[] }
      expect(detail.subgraphs.find((subgraph) => subgraph.name === 'health')).toMatchObject({
        url: production.url,
        reachable: true,
        circuit: 'closed',
      })
      const service = await authorizationFor(viewers.service('social'))
      const atSubgraph = await fetch(new URL('/readyz', production.url), { headers: { authorization: service } })
      expect(await atSubgraph.json()).toMatchObject({
        status: 'ready',
        subgraph: 'health',
        database: { reachable: true },
      })
    })
  })
})

describe('the limits and bounds each service reads from its environment', () => {
  it('gives every subgraph the limits its plans need, and the HTTP bounds, by default', () => {
    for (const name of SUBGRAPH_NAMES) {
      const config = loadSubgraphConfig(name, {})
      expect(config.limits).toEqual(DEFAULT_SUBGRAPH_LIMITS)
      expect(config.transport).toEqual(DEFAULT_TRANSPORT.subgraph)
      expect(config).toMatchObject({ production: false, introspection: true })
    }
    expect(loadGatewayConfig({}).transport).toEqual(DEFAULT_TRANSPORT.gateway)
  })

  it('reads each limit and bound from its variable', () => {
    const config = loadSubgraphConfig('ngo', {
      NGO_MAX_DEPTH: '4',
      NGO_MAX_ALIASES: '5',
      NGO_MAX_TOKENS: '6',
      NGO_MAX_DIRECTIVES: '7',
      NGO_MAX_COST: '8',
      NGO_MAX_BATCH_OPERATIONS: '9',
      NGO_MAX_BODY_BYTES: '10',
      NGO_HEADERS_TIMEOUT_MS: '11',
      NGO_REQUEST_TIMEOUT_MS: '12',
      NGO_KEEP_ALIVE_TIMEOUT_MS: '13',
      NGO_MAX_CONNECTIONS: '14',
      NGO_ADDRESS_RATE_LIMIT_REQUESTS: '15',
      NGO_ADDRESS_RATE_LIMIT_WINDOW_MS: '16',
      NGO_INTROSPECTION: 'false',
    })
    expect(config.limits).toEqual({
      maxDepth: 4,
      maxAliases: 5,
      maxTokens: 6,
      maxDirectives: 7,
      maxCost: 8,
      maxBatchOperations: 9,
      maxBodyBytes: 10,
    })
    expect(config.transport).toEqual({
      headersTimeoutMs: 11,
      requestTimeoutMs: 12,
      keepAliveTimeoutMs: 13,
      maxConnections: 14,
      addressRateLimit: { requests: 15, windowMs: 16 },
    })
    expect(config.introspection).toBe(false)
    expect(
      loadGatewayConfig({ GATEWAY_HEADERS_TIMEOUT_MS: '2000', GATEWAY_MAX_CONNECTIONS: '50' }).transport,
    ).toMatchObject({ headersTimeoutMs: 2_000, maxConnections: 50 })
  })

  it('stops at start on a bad value, naming the variable', () => {
    expect(() => loadSubgraphConfig('health', { HEALTH_MAX_BODY_BYTES: '0' })).toThrow(
      /^HEALTH_MAX_BODY_BYTES: must be a positive whole number/,
    )
    expect(() => loadSubgraphConfig('health', { HEALTH_HEADERS_TIMEOUT_MS: '40000' })).toThrow(
      /^HEALTH_HEADERS_TIMEOUT_MS: must not exceed HEALTH_REQUEST_TIMEOUT_MS \(30000\), got 40000$/,
    )
    expect(() => loadGatewayConfig({ GATEWAY_MAX_CONNECTIONS: 'many' })).toThrow(
      /^GATEWAY_MAX_CONNECTIONS: must be a positive whole number/,
    )
  })

  it('turns introspection off at a subgraph in production', () => {
    const config = loadSubgraphConfig('health', {
      NODE_ENV: 'production',
      HEALTH_HOST: '0.0.0.0',
      HEALTH_PORT: '4002',
      HEALTH_DATABASE_URL: 'postgres://health@db/health',
      HEALTH_JWKS: '/run/secrets/jwks.json',
      HEALTH_JWT_ISSUER: 'https://id.region.example',
      HEALTH_SERVICE_KEY: '/run/secrets/health.jwk',
      HEALTH_SERVICE_JWKS: 'gateway=/run/secrets/gateway.json,social=/run/secrets/social.json',
      HEALTH_SOCIAL_URL: 'http://social:4001/graphql',
    })
    expect(config).toMatchObject({ production: true, introspection: false })
  })
})
