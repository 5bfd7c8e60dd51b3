import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Kind, parse, type DocumentNode } from 'graphql'
import { fetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../gateway/src/config.js'
import { DEFAULT_LIMITS } from '../../gateway/src/limits.js'
import { createRateLimiter } from '@hub/platform/rate-limit'
import { startGateway, type GatewayOptions } from '../../gateway/src/server.js'
import * as operations from '../../schema/__generated__/operations.js'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import type { RunningService } from '@hub/platform/service'
import { authorizationFor, testGatewaySigner, testGatewayVerifier, viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import * as social from '../../subgraphs/social/test/support/factories.js'
import { startHub, supergraphSdl, type Hub } from '../support/hub.js'

const NO_CHILD = '00000000-0000-4000-8000-000000000000'
const CHILD_ID_QUERY = `{ child(id: "${NO_CHILD}") { id } }`

/** Small enough that each query below breaks exactly one of them. */
const STRICT = {
  maxDepth: 3,
  maxAliases: 2,
  maxTokens: 200,
  maxDirectives: 2,
  maxCost: 50,
  maxBatchOperations: 2,
  maxBodyBytes: 2_048,
}

/** The committed operations, each as its generated document (with the fragments it spreads). */
const committedOperations = readdirSync(new URL('../../schema/operations/', import.meta.url))
  .filter((file) => file.endsWith('.graphql'))
  .flatMap(
    (file) => parse(readFileSync(new URL(`../../schema/operations/${file}`, import.meta.url), 'utf8')).definitions,
  )
  .flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name] : []))
  .map(({ value: name }) => {
    const document = (operations as Record<string, unknown>)[`${name}Document`] as DocumentNode | undefined
    if (!document) throw new Error(`schema/__generated__/operations.ts has no ${name}Document; run npm run codegen`)
    return [name, document] as const
  })

interface RawResponse {
  status: number
  headers: Headers
  text: string
  errors?: { message: string; extensions?: Record<string, unknown> }[]
}

/** Sends a request exactly as given, and keeps the response's headers and text. */
async function send(
  url: string,
  { method = 'POST', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const response = await fetch(url, { method, headers, body })
  const text = await response.text()
  const parsed = JSON.parse(text) as Pick<RawResponse, 'errors'>
  return { status: response.status, headers: response.headers as unknown as Headers, text, errors: parsed.errors }
}

async function post(url: string, payload: unknown, authorization?: string) {
  return send(url, {
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(payload),
  })
}

function expectRefusal(response: RawResponse, status: number, limit: string, message: RegExp) {
  expect(response.status).toBe(status)
  expect(response.errors).toHaveLength(1)
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit })
  expect(response.errors?.[0]?.message).toMatch(message)
}

/** A subgraph stand-in that fails the way a test sets, with internals in its answer that must not reach a client. */
async function startFailingSubgraph() {
  const failure = { mode: 'http-500' as 'http-500' | 'graphql-error' }
  const server: Server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      if (failure.mode === 'http-500') {
        res.writeHead(500, { 'content-type': 'text/plain' })
        res.end('SECRET-BODY: relation "diagnosis" does not exist\n    at query (/srv/health/db.ts:12:3)')
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          data: { _entities: [null] },
          errors: [
            {
              message: 'health: not allowed',
              path: ['_entities', 0],
              extensions: {
                code: 'FORBIDDEN',
                stacktrace: ['SECRET-STACK at resolve (/srv/health/child.ts:3:1)'],
                exception: { stacktrace: ['SECRET-STACK at resolve (/srv/health/child.ts:3:1)'] },
              },
            },
          ],
        }),
      )
    })
  })
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    failure,
    close: () => new Promise<void>((resolveClose) => server.close(() => resolveClose())),
  }
}

describe.each(backends)('gateway limits (%s)', (backend) => {
  let hub: Hub
  let coordinator: string
  /** Small limits, development mode. */
  let strict: RunningService
  /** Three operations a minute per caller. */
  let throttled: RunningService
  /** NODE_ENV=production, its health subgraph replaced by a stand-in that fails. */
  let production: RunningService
  let productionWithIntrospection: RunningService
  let failingHealth: Awaited<ReturnType<typeof startFailingSubgraph>>
  /** Requests each real subgraph has received, counted at its HTTP server. */
  const received = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])) as Record<SubgraphName, number>

  /** Another gateway in front of the hub's subgraphs, with its own options. */
  function startGatewayBeforeHub(
    options: Omit<GatewayOptions, 'host' | 'port'>,
    urls: Partial<Record<SubgraphName, string>> = {},
  ) {
    return startGateway(
      {
        supergraphSdl,
        verifier: testGatewayVerifier,
        callSigner: testGatewaySigner,
        subgraphs: Object.fromEntries(
          SUBGRAPH_NAMES.map((name) => [name, { url: urls[name] ?? hub.services[name].url, timeoutMs: 3_000 }]),
        ),
      },
      { host: '127.0.0.1', port: 0, ...options },
    )
  }

  /** Runs `request` and expects that no subgraph received anything meanwhile. */
  async function withoutSubgraphCalls<T>(request: () => Promise<T>) {
    const before = { ...received }
    const result = await request()
    expect(received).toEqual(before)
    return result
  }

  beforeAll(async () => {
    hub = await startHub(backend)
    for (const name of SUBGRAPH_NAMES) hub.services[name].httpServer.on('request', () => (received[name] += 1))
    coordinator = await authorizationFor(viewers.coordinator('regional'))
    failingHealth = await startFailingSubgraph()
    strict = await startGatewayBeforeHub({ limits: STRICT })
    throttled = await startGatewayBeforeHub({ limits: { rateLimit: { requests: 3, windowMs: 60_000 } } })
    production = await startGatewayBeforeHub({ production: true }, { health: failingHealth.url })
    productionWithIntrospection = await startGatewayBeforeHub({ production: true, introspection: true })
  })
  afterAll(async () => {
    for (const gateway of [strict, throttled, production, productionWithIntrospection]) await gateway?.stop()
    await failingHealth?.close()
    await hub?.stop()
  })

  describe('with the default limits', () => {
    it('are the limits the gateway reads from an empty environment', () => {
      expect(loadConfig({}).limits).toEqual(DEFAULT_LIMITS)
    })

    it.each(committedOperations)('lets the committed operation %s through', async (_name, document) => {
      // Sent without variables: a query runs, and an operation with a required variable stops at it, which only
      // happens after the document has been parsed and validated against every limit. No mutation ever runs.
      const response = await hub.query(document, {})
      for (const error of response.errors ?? []) {
        expect(error.extensions?.code).toBe('BAD_USER_INPUT')
        expect(error.extensions).not.toHaveProperty('limit')
        expect(error.message).toMatch(/^Variable "\$\w+" of required type "\w+!" was not provided\.$/)
      }
    })

    it('refuses a batch of operations, since batching is off', async () => {
      const response = await withoutSubgraphCalls(() =>
        post(hub.gateway.url, [{ query: CHILD_ID_QUERY }, { query: CHILD_ID_QUERY }], coordinator),
      )
      expectRefusal(response, 400, 'batch', /^request body: batched operations are not accepted/)
    })
  })

  describe('with small limits', () => {
    it.each([
      {
        limit: 'depth',
        query: `{ child(id: "${NO_CHILD}") { family { municipality { name } } } }`,
        message: /^query: Query depth limit of 3 exceeded, found 4\.$/,
      },
      {
        limit: 'aliases',
        query: `{ a: child(id: "${NO_CHILD}") { id } b: child(id: "${NO_CHILD}") { id } c: child(id: "${NO_CHILD}") { id } }`,
        message: /^query: Aliases limit of 2 exceeded, found 3\.$/,
      },
      {
        limit: 'directives',
        query: `{ child(id: "${NO_CHILD}") { id @include(if: true) fullName @include(if: true) sex @skip(if: false) } }`,
        message: /^query: Directives limit of 2 exceeded, found 3\.$/,
      },
      {
        limit: 'cost',
        query: '{ children(first: 20) { totalCount } }',
        message: /^query: Query Cost limit of 50 exceeded, found 70\.$/,
      },
      {
        limit: 'tokens',
        // The parser stops at the 201st token, before any field is looked up, and within the body limit.
        query: `{ ${'a '.repeat(200)}}`,
        message: /^query: Token limit of 200 exceeded\.$/,
      },
    ])('refuses a query over the $limit limit with BAD_USER_INPUT before any subgraph is called', async (example) => {
      const response = await withoutSubgraphCalls(() => post(strict.url, { query: example.query }, coordinator))
      expectRefusal(response, 400, example.limit, example.message)
    })

    it('counts a page size sent as a variable, or left to its default, as if it were written in the query', async () => {
      for (const { query, variables } of [
        { query: 'query ($n: Int) { children(first: $n) { totalCount } }', variables: { n: 20 } },
        { query: 'query ($n: Int = 20) { children(first: $n) { totalCount } }', variables: {} },
      ]) {
        const response = await withoutSubgraphCalls(() => post(strict.url, { query, variables }, coordinator))
        expectRefusal(response, 400, 'cost', /^query: Query Cost limit of 50 exceeded, found 70\.$/)
      }
    })

    it('lets the largest page of the committed RegistryPage through the default cost limit', async () => {
      const response = await hub.query(operations.RegistryPageDocument, { first: 1_000 })
      expect(response.errors).toBeUndefined()
    })

    it('passes a query within every limit', async () => {
      const response = await post(strict.url, { query: CHILD_ID_QUERY }, coordinator)
      expect(response.status).toBe(200)
      expect(JSON.parse(response.text)).toEqual({ data: { child: null } })
    })

    it('answers a batch within the limit and refuses a larger one before any subgraph is called', async () => {
      const within = await post(strict.url, [{ query: CHILD_ID_QUERY }, { query: '{ __typename }' }], coordinator)
      expect(within.status).toBe(200)
      expect(JSON.parse(within.text)).toEqual([{ data: { child: null } }, { data: { __typename: 'Query' } }])

      const over = await withoutSubgraphCalls(() =>
        post(
          strict.url,
          [{ query: CHILD_ID_QUERY }, { query: CHILD_ID_QUERY }, { query: CHILD_ID_QUERY }],
          coordinator,
        ),
      )
      expectRefusal(over, 400, 'batch', /^request body: a batch may hold at most 2 operations, got 3$/)
    })

    it('refuses a body over the size limit with HTTP 413 and a GraphQL error, before any subgraph is called', async () => {
      const response = await withoutSubgraphCalls(() =>
        post(strict.url, { query: CHILD_ID_QUERY, variables: { padding: 'x'.repeat(4_096) } }, coordinator),
      )
      expectRefusal(response, 413, 'body', /^request body: larger than the gateway's limit of 2048 bytes$/)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    })

    it('answers a body that is not JSON with a GraphQL error instead of an HTML page', async () => {
      const response = await withoutSubgraphCalls(() =>
        send(strict.url, {
          headers: { 'content-type': 'application/json', authorization: coordinator },
          body: '{"query',
        }),
      )
      expect(response.status).toBe(400)
      expect(response.errors).toEqual([
        { message: 'request body: not valid JSON', extensions: { code: 'BAD_REQUEST', rule: 'MALFORMED_REQUEST' } },
      ])
    })
  })

  describe('the rate limit', () => {
    it('refuses a caller over its rate with HTTP 429 and Retry-After while another caller still passes', async () => {
      const health = await authorizationFor(viewers.coordinator('health'))
      for (let i = 0; i < 3; i++) {
        const response = await post(throttled.url, { query: '{ __typename }' }, coordinator)
        expect(response.status).toBe(200)
      }
      const refused = await withoutSubgraphCalls(() => post(throttled.url, { query: CHILD_ID_QUERY }, coordinator))
      // Not anchored: under vitest Apollo sees a second copy of graphql, does not recognise the context function's
      // GraphQLError as one and prefixes its message with "Context creation failed: " (so do the 401 tests).
      expectRefusal(refused, 429, 'rate', /authorization: more than 3 operations in 60 s from this caller; retry after/)
      const retryAfter = Number(refused.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThanOrEqual(1)
      expect(retryAfter).toBeLessThanOrEqual(20)
      expect(refused.errors?.[0]?.extensions?.retryAfter).toBe(retryAfter)

      const other = await post(throttled.url, { query: CHILD_ID_QUERY }, health)
      expect(other.status).toBe(200)
      expect(other.errors).toBeUndefined()
    })
  })

  describe('CSRF prevention', () => {
    it('refuses a GET without the apollo-require-preflight header before any subgraph is called', async () => {
      const url = `${strict.url}?query=${encodeURIComponent(CHILD_ID_QUERY)}`
      const response = await withoutSubgraphCalls(() =>
        send(url, { method: 'GET', headers: { authorization: coordinator } }),
      )
      expect(response.status).toBe(400)
      expect(response.errors?.[0]?.message).toMatch(/blocked as a potential Cross-Site Request Forgery/)
    })

    it('refuses a text/plain POST, which a browser sends from any site without a preflight', async () => {
      const response = await withoutSubgraphCalls(() =>
        send(strict.url, {
          headers: { 'content-type': 'text/plain', authorization: coordinator },
          body: JSON.stringify({ query: CHILD_ID_QUERY }),
        }),
      )
      expect(response.status).toBe(400)
      expect(response.errors?.[0]?.message).toMatch(/blocked as a potential Cross-Site Request Forgery/)
    })

    it('answers a GET that carries the header', async () => {
      const url = `${strict.url}?query=${encodeURIComponent(CHILD_ID_QUERY)}`
      const response = await send(url, {
        method: 'GET',
        headers: { authorization: coordinator, 'apollo-require-preflight': 'true' },
      })
      expect(response.status).toBe(200)
      expect(JSON.parse(response.text)).toEqual({ data: { child: null } })
    })
  })

  describe('in development', () => {
    it('answers introspection', async () => {
      const response = await hub.query<{ __schema: { queryType: { name: string } } }>(
        '{ __schema { queryType { name } } }',
      )
      expect(response.data?.__schema.queryType.name).toBe('Query')
    })

    it('suggests the field a mistyped name may mean', async () => {
      const response = await hub.query(`{ chld(id: "${NO_CHILD}") { id } }`)
      expect(response.errors?.[0]?.message).toMatch(/Did you mean "child"/)
    })
  })

  describe('in production', () => {
    it('refuses introspection before any subgraph is called', async () => {
      const response = await withoutSubgraphCalls(() =>
        post(production.url, { query: '{ __schema { queryType { name } } }' }, coordinator),
      )
      expect(response.status).toBe(400)
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED')
      expect(response.errors?.[0]?.message).toMatch(/introspection is not allowed/)
    })

    it('answers introspection when GATEWAY_INTROSPECTION turns it on', async () => {
      const response = await post(
        productionWithIntrospection.url,
        { query: '{ __type(name: "Child") { name } }' },
        coordinator,
      )
      expect(JSON.parse(response.text)).toEqual({ data: { __type: { name: 'Child' } } })
    })

    it.each([
      {
        what: 'a field',
        query: `{ chld(id: "${NO_CHILD}") { id } }`,
        rest: /^Cannot query field "chld" on type "Query"\.$/,
      },
      {
        what: 'an enum value',
        query: '{ possibleDuplicates(status: OPN) { id } }',
        rest: /^Value "OPN" does not exist in "PossibleDuplicateStatus" enum\.$/,
      },
    ])('suggests nothing for $what a query mistypes', async ({ query, rest }) => {
      const response = await withoutSubgraphCalls(() => post(production.url, { query }, coordinator))
      expect(response.status).toBe(400)
      expect(response.errors?.[0]?.message).toMatch(rest)
      expect(response.text).not.toMatch(/Did you mean/)
      expect(response.text).not.toMatch(/stacktrace/)
    })

    it('keeps limit refusals coded BAD_USER_INPUT', async () => {
      const query = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: child(id: "${NO_CHILD}") { id }`).join(' ')} }`
      const response = await withoutSubgraphCalls(() => post(production.url, { query }, coordinator))
      expectRefusal(response, 400, 'aliases', /^query: Aliases limit of 15 exceeded, found 16\.$/)
    })

    it.each(['http-500', 'graphql-error'] as const)(
      "shows no stack trace and nothing of a subgraph's failed answer (%s)",
      async (mode) => {
        failingHealth.failure.mode = mode
        const child = await social.insertChild(hub.databases.social.db)
        const response = await post(
          production.url,
          { query: `{ child(id: "${child.id}") { id health { healthGroup { group } } } }` },
          coordinator,
        )
        expect(response.status).toBe(200)
        expect(JSON.parse(response.text)).toMatchObject({ data: { child: { id: child.id, health: null } } })
        expect(response.errors?.[0]?.extensions).toMatchObject({ serviceName: 'health' })
        for (const error of response.errors ?? []) {
          for (const internal of ['response', 'exception', 'stacktrace'])
            expect(error.extensions).not.toHaveProperty(internal)
        }
        expect(response.text).not.toMatch(/SECRET|\/srv\//)
      },
    )
  })
})

describe('the rate limiter', () => {
  it("gives a caller's operations back over the window, and counts each caller apart", () => {
    let time = 0
    const limiter = createRateLimiter({ requests: 2, windowMs: 10_000 }, () => time)
    expect([limiter.take('a', 1), limiter.take('a', 1), limiter.take('a', 1)]).toEqual([0, 0, 5])
    expect(limiter.take('b', 1)).toBe(0)
    time = 4_000
    expect(limiter.take('a', 1)).toBe(1)
    time = 5_000
    expect(limiter.take('a', 1)).toBe(0)
    time = 60_000
    expect([limiter.take('a', 2), limiter.take('a', 1)]).toEqual([0, 5])
  })
})

describe('gateway limits configuration', () => {
  const production = {
    NODE_ENV: 'production',
    GATEWAY_HOST: '0.0.0.0',
    GATEWAY_PORT: '4000',
    ...Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [`GATEWAY_${name.toUpperCase()}_URL`, `http://${name}/graphql`]),
    ),
    GATEWAY_JWKS: '/run/secrets/jwks.json',
    GATEWAY_SERVICE_KEY: '/run/secrets/gateway_service_key',
    GATEWAY_JWT_ISSUER: 'https://id.region.example',
    GATEWAY_OIDC_ISSUER: 'https://id.region.example',
    GATEWAY_OIDC_CLIENT_ID: 'hub-screens',
    GATEWAY_OPERATOR_NAME: 'ГКУ «Региональный центр ранней помощи»',
    GATEWAY_OPERATOR_ADDRESS: 'г. Энск, ул. Ленина, д. 1',
  }

  it('turns introspection on in development and off in production, unless GATEWAY_INTROSPECTION says otherwise', () => {
    expect(loadConfig({}).introspection).toBe(true)
    expect(loadConfig({ GATEWAY_INTROSPECTION: 'false' }).introspection).toBe(false)
    expect(loadConfig(production)).toMatchObject({ production: true, introspection: false })
    expect(loadConfig({ ...production, GATEWAY_INTROSPECTION: 'true' }).introspection).toBe(true)
  })

  it('reads every limit from its variable', () => {
    const config = loadConfig({
      GATEWAY_MAX_DEPTH: '4',
      GATEWAY_MAX_ALIASES: '5',
      GATEWAY_MAX_TOKENS: '6',
      GATEWAY_MAX_DIRECTIVES: '7',
      GATEWAY_MAX_COST: '8',
      GATEWAY_MAX_BATCH_OPERATIONS: '9',
      GATEWAY_MAX_BODY_BYTES: '10',
      GATEWAY_RATE_LIMIT_REQUESTS: '11',
      GATEWAY_RATE_LIMIT_WINDOW_MS: '12',
    })
    expect(config.limits).toEqual({
      maxDepth: 4,
      maxAliases: 5,
      maxTokens: 6,
      maxDirectives: 7,
      maxCost: 8,
      maxBatchOperations: 9,
      maxBodyBytes: 10,
      rateLimit: { requests: 11, windowMs: 12 },
    })
  })

  it('stops at start on a bad value, naming the variable', () => {
    expect(() => loadConfig({ GATEWAY_MAX_DEPTH: '0' })).toThrow(/^GATEWAY_MAX_DEPTH: must be a positive whole number/)
    expect(() => loadConfig({ GATEWAY_INTROSPECTION: 'yes' })).toThrow(/^GATEWAY_INTROSPECTION: must be true or false/)
    expect(() => loadConfig({ GATEWAY_MAX_BATCH_OPERATIONS: '700' })).toThrow(
      /^GATEWAY_MAX_BATCH_OPERATIONS: must not exceed GATEWAY_RATE_LIMIT_REQUESTS \(600\)/,
    )
  })
})
