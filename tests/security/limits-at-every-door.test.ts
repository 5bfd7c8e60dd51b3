import { request as httpRequest } from 'node:http'
import { print } from 'graphql'
import { fetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGateway } from '../../gateway/src/server.js'
import { RegistryPageDocument, TransitionWatchlistDocument } from '../../schema/__generated__/operations.js'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { DEFAULT_SUBGRAPH_LIMITS, MAX_SUBGRAPH_BATCH } from '@hub/platform/limits'
import { startSubgraphServer } from '@hub/subgraph-kit/server'
import { type RunningService } from '@hub/platform/service'
import { DEFAULT_LIMITS } from '../../gateway/src/limits.js'
import { authorizationFor, testGatewaySigner, testGatewayVerifier, testVerifier, viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { buildChild, insertChildren } from '../../subgraphs/social/test/support/factories.js'
import { startHub, supergraphSdl, type Hub } from '../support/hub.js'
import { subgraphs } from '../support/subgraphs.js'
import { sideGrants } from '@hub/testing/subgraph'

const NO_CHILD = '00000000-0000-4000-8000-000000000000'

interface Answer {
  status: number
  headers: Headers
  errors?: { message: string; extensions?: Record<string, unknown> }[]
  data?: unknown
}

async function post(url: string, payload: unknown, authorization?: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(payload),
  })
  const body = (await response.json()) as Omit<Answer, 'status' | 'headers'>
  return { status: response.status, headers: response.headers as unknown as Headers, ...body }
}

function expectLimit(answer: Answer, status: number, limit: string, message: RegExp) {
  expect(answer.status).toBe(status)
  expect(answer.errors).toHaveLength(1)
  expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit })
  expect(answer.errors?.[0]?.message).toMatch(message)
  expect(answer.data ?? null).toBeNull()
}

/** The attack on the cost limit as it was found: fifteen aliases of a page whose size comes in a variable. */
const ALIASED_PAGES = `query Pages($n: Int) { ${Array.from(
  { length: 15 },
  (_, i) => `p${i}: children(first: $n) { edges { node { id fullName birthDate sex registryStatus } } }`,
).join(' ')} }`

/** `{ child { family { children { family … } } } }`, `levels` selections deep. */
function deepQuery(levels: number) {
  let selection = 'id'
  for (let level = levels - 1; level > 0; level--) {
    selection = level % 2 === 1 ? `family { ${selection} }` : `children { ${selection} }`
  }
  return `{ child(id: "${NO_CHILD}") { ${selection} } }`
}

/**
 * Sends headers announcing a large body and only its first part, and waits for an answer: a server that reads the
 * body before checking the token never answers, since the rest never comes.
 */
function postUnfinishedBody(url: string, announcedBytes: number, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; ms: number }>((resolveAnswer, reject) => {
    const started = performance.now()
    const req = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(announcedBytes), ...headers },
    })
    req.on('response', (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => {
        resolveAnswer({ status: res.statusCode ?? 0, body, ms: performance.now() - started })
        req.destroy()
      })
    })
    req.on('error', reject)
    req.write(`{"query":"{ __typename }","variables":{"padding":"${'x'.repeat(64 * 1024)}`)
  })
}

describe.each(backends)('the same limits at every door (%s)', (backend) => {
  let hub: Hub
  let coordinator: string
  /** Requests each real subgraph has received, counted at its HTTP server. */
  const received = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])) as Record<SubgraphName, number>
  /** Five requests a minute from one address: a gateway and a subgraph in front of the hub's databases. */
  let throttledGateway: RunningService
  let throttledHealth: RunningService
  /** A gateway that lets a query cost at most 100. */
  let cheapGateway: RunningService

  beforeAll(async () => {
    // A page of 1,000 children takes seconds on a loaded machine; the limits, not the timeouts, are under test.
    hub = await startHub(backend, { timeoutMs: 30_000 })
    for (const name of SUBGRAPH_NAMES) hub.services[name].httpServer.on('request', () => (received[name] += 1))
    coordinator = await authorizationFor(viewers.coordinator('regional'))
    // A whole page of the largest size, so that the gateway's plans carry 1,000 representations to each side.
    await insertChildren(
      hub.databases.social.db,
      Array.from({ length: 1_000 }, () => buildChild()),
    )
    const addressRateLimit = { requests: 5, windowMs: 60_000 }
    const subgraphUrls = Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [name, { url: hub.services[name].url, timeoutMs: 3_000 }]),
    )
    throttledGateway = await startGateway(
      { supergraphSdl, verifier: testGatewayVerifier, callSigner: testGatewaySigner, subgraphs: subgraphUrls },
      { host: '127.0.0.1', port: 0, transport: { addressRateLimit } },
    )
    cheapGateway = await startGateway(
      { supergraphSdl, verifier: testGatewayVerifier, callSigner: testGatewaySigner, subgraphs: subgraphUrls },
      { host: '127.0.0.1', port: 0, limits: { maxCost: 100 } },
    )
    throttledHealth = await startSubgraphServer(
      subgraphs.health.create({ db: hub.databases.health.db, grants: sideGrants('health') }),
      {
        host: '127.0.0.1',
        port: 0,
        verifier: testVerifier,
        database: hub.databases.health.db,
        transport: { addressRateLimit },
      },
    )
  })
  afterAll(async () => {
    for (const service of [throttledGateway, cheapGateway, throttledHealth]) await service?.stop()
    await hub?.stop()
  })

  /** Runs `request` and expects that no subgraph received anything meanwhile. */
  async function withoutSubgraphCalls<T>(request: () => Promise<T>) {
    const before = { ...received }
    const result = await request()
    expect(received).toEqual(before)
    return result
  }

  describe('the cost of an operation', () => {
    const overCost = new RegExp(`^query: Query Cost limit of ${DEFAULT_LIMITS.maxCost} exceeded, found \\d+\\.$`)

    it('counts a page size sent as a variable, each alias apart: fifteen pages of 1,000 are refused at the gateway', async () => {
      const answer = await withoutSubgraphCalls(() =>
        post(hub.gateway.url, { query: ALIASED_PAGES, variables: { n: 1_000 } }, coordinator),
      )
      expectLimit(answer, 400, 'cost', overCost)
    })

    it('refuses the same fifteen pages sent straight at social', async () => {
      const answer = await post(hub.services.social.url, { query: ALIASED_PAGES, variables: { n: 1_000 } }, coordinator)
      expectLimit(
        answer,
        400,
        'cost',
        new RegExp(`^query: Query Cost limit of ${DEFAULT_SUBGRAPH_LIMITS.maxCost} exceeded, found \\d+\\.$`),
      )
    })

    it.each([
      { what: "the schema's default page size (50)", query: '{ children { totalCount } }', variables: {} },
      {
        what: "the variable's default",
        query: 'query ($n: Int = 40) { children(first: $n) { totalCount } }',
        variables: {},
      },
      { what: 'a variable', query: 'query ($n: Int) { children(first: $n) { totalCount } }', variables: { n: 40 } },
    ])('counts $what', async ({ query, variables }) => {
      const answer = await withoutSubgraphCalls(() => post(cheapGateway.url, { query, variables }, coordinator))
      expectLimit(answer, 400, 'cost', /^query: Query Cost limit of 100 exceeded, found 1(40|75)\.$/)
    })

    it('passes a small page within the cost', async () => {
      const answer = await post(cheapGateway.url, { query: '{ children(first: 2) { totalCount } }' }, coordinator)
      expect(answer.errors).toBeUndefined()
      expect(answer.status).toBe(200)
    })

    it.each([
      ['RegistryPage', RegistryPageDocument],
      ['TransitionWatchlist', TransitionWatchlistDocument],
    ] as const)(
      'passes the committed %s at its largest page of 1,000, at the gateway and at every subgraph',
      async (_name, document) => {
        const answer = await post(hub.gateway.url, { query: print(document), variables: { first: 1_000 } }, coordinator)
        expect(answer.status).toBe(200)
        expect((answer.data as { children: { edges: unknown[] } }).children.edges).toHaveLength(1_000)
        // Each side's part is fetched for all 1,000 children and closed where no consent is recorded: refusals of
        // access, never of a limit, and no side unavailable.
        for (const error of answer.errors ?? []) expect(error.extensions?.code).toBe('FORBIDDEN')
      },
    )
  })

  describe('straight at a subgraph', () => {
    it('refuses 500 aliases', async () => {
      const query = `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: child(id: "${NO_CHILD}") { id }`).join(' ')} }`
      const answer = await post(hub.services.social.url, { query }, coordinator)
      expectLimit(
        answer,
        400,
        'aliases',
        new RegExp(`^query: Aliases limit of ${DEFAULT_SUBGRAPH_LIMITS.maxAliases} exceeded, found 500\\.$`),
      )
    })

    it('refuses a query 41 selections deep', async () => {
      const answer = await post(hub.services.social.url, { query: deepQuery(41) }, coordinator)
      expectLimit(
        answer,
        400,
        'depth',
        new RegExp(`^query: Query depth limit of ${DEFAULT_SUBGRAPH_LIMITS.maxDepth} exceeded, found \\d+\\.$`),
      )
    })

    it('refuses a batch of 33 operations', async () => {
      const batch = Array.from({ length: MAX_SUBGRAPH_BATCH + 1 }, () => ({ query: '{ __typename }' }))
      const answer = await fetch(hub.services.social.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: coordinator },
        body: JSON.stringify(batch),
      })
      expect(answer.status).toBe(400)
      expect(await answer.json()).toEqual({
        errors: [
          {
            message: `request body: a batch may hold at most ${MAX_SUBGRAPH_BATCH} operations, got ${MAX_SUBGRAPH_BATCH + 1}`,
            extensions: { code: 'BAD_USER_INPUT', rule: 'LIMIT_EXCEEDED', limit: 'batch' },
          },
        ],
      })
    })

    it('refuses a 20 MB body from a signed-in caller with 413 before reading it', async () => {
      const answer = await postUnfinishedBody(hub.services.social.url, 20 * 1024 * 1024, { authorization: coordinator })
      expect(answer.status).toBe(413)
      expect(JSON.parse(answer.body)).toMatchObject({
        errors: [{ extensions: { code: 'BAD_USER_INPUT', limit: 'body' } }],
      })
    })

    it.each([
      ['no token', {}],
      ['a token that is not one', { authorization: 'Bearer not-a-token' }],
    ])('answers a 20 MB body with %s with 401 before reading it', async (_what, headers: Record<string, string>) => {
      for (const url of [hub.services.social.url, hub.gateway.url]) {
        const answer = await postUnfinishedBody(url, 20 * 1024 * 1024, headers)
        expect(answer.status).toBe(401)
        expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] })
        expect(answer.ms).toBeLessThan(5_000)
      }
    })
  })

  describe('a flood of made-up tokens from one address', () => {
    it.each(['gateway', 'subgraph'] as const)(
      'is answered 429 at the %s once the address has used its requests, before the token is checked',
      async (door) => {
        const url = door === 'gateway' ? throttledGateway.url : throttledHealth.url
        for (let i = 0; i < 5; i++) {
          const answer = await post(url, { query: '{ __typename }' }, `Bearer forged-${i}`)
          expect(answer.status).toBe(401)
        }
        const refused = await post(url, { query: '{ __typename }' }, 'Bearer forged-5')
        expectLimit(
          refused,
          429,
          'rate',
          /^request: more than 5 requests in 60 s from this address; retry after \d+ s$/,
        )
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
        // A valid token from the same address is no exception: the limit is counted before any token is read.
        const valid = await post(url, { query: '{ __typename }' }, coordinator)
        expect(valid.status).toBe(429)
      },
    )
  })
})
