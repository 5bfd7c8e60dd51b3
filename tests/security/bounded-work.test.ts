import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { print } from 'graphql'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_RESILIENCE, CircuitBreaker, livenessCheck } from '../../gateway/src/resilience.js'
import { createSubgraphFetcher } from '../../gateway/src/subgraph-client.js'
import { RegionalIndicatorsDocument } from '../../schema/__generated__/operations.js'
import { loadSubgraphConfig } from '@hub/subgraph-kit/config'
import { openDatabase } from '@hub/subgraph-kit/database'
import { startSubgraphServer } from '@hub/subgraph-kit/server'
import { createWorkBudget } from '@hub/subgraph-kit/work-budget'
import { addDays, addMonths, today } from '@hub/subgraph-kit/validation'
import { createSocialServer } from '../../subgraphs/social/src/server.js'
import { createHealthServer } from '../../subgraphs/health/src/server.js'
import type { DB as HealthDB } from '../../subgraphs/health/src/db/database.js'
import { postToService } from '@hub/platform/http'
import { sideGrants } from '@hub/testing/subgraph'
import type { DB as SocialDB } from '../../subgraphs/social/src/db/database.js'
import { authorizationFor, gatewayCallHeaders, testVerifier, viewers, type TestViewer } from '@hub/testing/auth'
import { backends, openTestDatabase } from '@hub/testing/databases'
import { postGraphQL } from '@hub/testing/graphql'
import { startHub, type Hub } from '../support/hub.js'
import { insertChildKnownToEverySide } from '../support/scenario.js'
import { socialSubgraph } from '../../subgraphs/social/test/support/subgraph.js'
import { healthSubgraph } from '../../subgraphs/health/test/support/subgraph.js'

const INDICATORS = print(RegionalIndicatorsDocument)
const CHILD = /* GraphQL */ `
  query ($id: ID!) {
    child(id: $id) {
      id
      fullName
    }
  }
`
const analyst: TestViewer = viewers.analyst('regional')
const otherAnalyst: TestViewer = { ...viewers.analyst('regional'), subject: 'second-analyst' }
const coordinator: TestViewer = viewers.coordinator('regional')

/** A whole calendar month, the period an analyst may ask for: a refusal of it is the budget's, not the period's. */
const wholeMonth = (year: number, month: number) => {
  const from = `${year}-${String(month).padStart(2, '0')}-01`
  return { from, to: addDays(addMonths(from, 1), -1) }
}

/** The gateway's `/readyz` circuits, by subgraph, as an operator (an administrator) reads them. */
async function circuits(hub: Hub) {
  const authorization = await authorizationFor(viewers.administrator('regional'))
  const body = (await (await fetch(new URL('/readyz', hub.gateway.url), { headers: { authorization } })).json()) as {
    subgraphs: { name: string; circuit: string }[]
  }
  return Object.fromEntries(body.subgraphs.map(({ name, circuit }) => [name, circuit]))
}

describe.each(backends)('bounded work per caller (%s)', (backend) => {
  let hub: Hub
  let childId: string

  beforeAll(async () => {
    hub = await startHub(backend, {
      timeoutMs: 3_000,
      resilience: { failuresToOpen: 5, openMs: 5_000 },
      workBudget: { concurrent: 1, perMinute: 4 },
    })
    childId = (await insertChildKnownToEverySide(hub.databases)).child.id
  }, 120_000)
  afterAll(async () => {
    await hub?.stop()
  })

  it('repeats H1: five analyst requests for periods to 2400–2404 are refused at once, and a coordinator’s child(id) is answered', async () => {
    for (const year of [2400, 2401, 2402, 2403, 2404]) {
      const started = performance.now()
      const answer = await hub.query(INDICATORS, { period: { from: '2026-07-10', to: `${year}-12-31` } }, analyst)
      expect(performance.now() - started).toBeLessThan(2_000)
      expect(answer.data?.regionalIndicators ?? null).toBeNull()
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to' })
      expect(answer.errors?.[0]?.message).toMatch(/^period\.to: must not be after \d{4}-\d{2}-\d{2}/)
    }
    const card = await hub.query<{ child: { id: string } }>(CHILD, { id: childId }, coordinator)
    expect(card.errors).toBeUndefined()
    expect(card.data?.child?.id).toBe(childId)
    expect(await circuits(hub)).toMatchObject({
      social: 'closed',
      education: 'closed',
      health: 'closed',
      ngo: 'closed',
    })
  }, 60_000)

  it.each([
    [
      'an implausibly early start',
      { from: '1999-12-31', to: '2026-03-31' },
      'period.from',
      /must not be before 2000-01-01/,
    ],
    ['an end over a year ahead', { from: '2026-01-01', to: addMonths(today(), 13) }, 'period.to', /must not be after/],
    ['a span of five years or more', { from: '2020-01-01', to: '2025-01-01' }, 'period.to', /less than 5 years/],
    [
      'an end before the start',
      { from: '2026-03-31', to: '2026-01-01' },
      'period.to',
      /must not be before period\.from/,
    ],
  ])('refuses %s with BAD_USER_INPUT naming the field and the rule', async (_case, period, field, rule) => {
    const answer = await hub.query(INDICATORS, { period }, otherAnalyst)
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field })
    expect(answer.errors?.[0]?.message).toMatch(rule)
  })

  it('refuses a huge period sent straight to a side subgraph in a representation', async () => {
    const answer = await postGraphQL<{ _entities: unknown[] }>(
      hub.services.health.url,
      /* GraphQL */ `
        query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on RegionalIndicators {
              healthStaffing {
                providers
              }
            }
          }
        }
      `,
      {
        representations: [
          {
            __typename: 'RegionalIndicators',
            id: 'live:2026-07-10:2400-12-31:region:PROGRAMME_IN_FORCE:2026.1',
            period: { from: '2026-07-10', to: '2400-12-31' },
            providerRequirements: [],
          },
        ],
      },
      // Only the gateway's plan may send a representation with its required fields: the side checks its period all
      // the same, as it would a plan built from a bad answer.
      await gatewayCallHeaders(analyst),
    )
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to' })
  })

  it('refuses the expensive operations of one caller over its budget, with a retry hint, while another caller is served', async () => {
    // Distinct periods, so that every request computes its figures rather than finding them remembered.
    const periods = Array.from({ length: 8 }, (_, i) => wholeMonth(2025, i + 1))
    const [burst, other] = await Promise.all([
      Promise.all(periods.map((period) => hub.query(INDICATORS, { period }, analyst))),
      hub.query(INDICATORS, { period: { from: '2026-01-01', to: '2026-03-31' } }, coordinator),
    ])
    expect(other.errors).toBeUndefined()
    expect(other.data?.regionalIndicators).toBeTruthy()
    // A refusal comes from the subgraph whose budget ran out: social's for the figures, or a side's for its part.
    const refusals = burst.flatMap((answer) =>
      (answer.errors ?? []).filter((error) => error.extensions?.limit === 'work'),
    )
    const served = burst.filter((answer) => answer.errors === undefined)
    // One at a time and four a minute: of eight sent at the same moment, at most four are served, the others refused.
    expect(served.length).toBeGreaterThanOrEqual(1)
    expect(served.length).toBeLessThanOrEqual(4)
    expect(
      burst
        .filter((answer) => answer.errors !== undefined)
        .every((answer) => answer.errors?.some((error) => error.extensions?.limit === 'work')),
    ).toBe(true)
    for (const refusal of refusals) {
      expect(refusal.extensions).toMatchObject({ code: 'BAD_USER_INPUT' })
      expect(refusal.extensions?.field).toMatch(/^(Query\.regionalIndicators|RegionalIndicators\.\w+)$/)
      expect(refusal.extensions?.retryAfter).toBeGreaterThanOrEqual(1)
      expect(refusal.message).toMatch(
        /^[\w.]+: at most (1 expensive operations of one caller run at once|4 expensive operations of one caller begin in a minute) .*retry after \d+ s$/,
      )
    }
    // Four a minute: one after another, the caller is refused once its minute's four have begun.
    let minuteRefusal: string | undefined
    for (let month = 1; month <= 5 && minuteRefusal === undefined; month++) {
      const answer = await hub.query(INDICATORS, { period: wholeMonth(2024, month) }, analyst)
      minuteRefusal = answer.errors?.find((error) => error.extensions?.limit === 'work')?.message
    }
    expect(minuteRefusal).toMatch(/at most 4 expensive operations of one caller begin in a minute .*retry after \d+ s/)
    const card = await hub.query<{ child: { id: string } }>(CHILD, { id: childId }, coordinator)
    expect(card.data?.child?.id).toBe(childId)
  }, 60_000)
})

describe('a per-caller budget of expensive work', () => {
  it('refuses a caller’s second operation at once while its first runs, serves another caller, and frees the slot', () => {
    const clock = { now: 0 }
    const budget = createWorkBudget({ concurrent: 1, perMinute: 3 }, () => clock.now)
    const [first, second, others, later] = [{}, {}, {}, {}]
    expect(budget.take(first, 'regional:analyst', 'Query.regionalIndicators')).toBe(true)
    // The same request reaching a second expensive field holds the one slot it took.
    expect(budget.take(first, 'regional:analyst', 'Query.indicatorCohort')).toBe(false)
    expect(() => budget.take(second, 'regional:analyst', 'Query.regionalIndicators')).toThrow(
      /^Query\.regionalIndicators: at most 1 expensive operations of one caller run at once .*retry after 1 s$/,
    )
    expect(budget.take(others, 'regional:second-analyst', 'Query.regionalIndicators')).toBe(true)
    budget.release(first)
    expect(budget.take(second, 'regional:analyst', 'Query.regionalIndicators')).toBe(true)
    budget.release(second)
    expect(budget.take(later, 'regional:analyst', 'Query.regionalIndicators')).toBe(true)
    budget.release(later)
    clock.now = 45_000
    expect(() => budget.take({}, 'regional:analyst', 'Query.regionalIndicators')).toThrow(
      /begin in a minute .*retry after 15 s$/,
    )
    clock.now = 60_000
    expect(budget.take({}, 'regional:analyst', 'Query.regionalIndicators')).toBe(true)
  })
})

describe('a subgraph’s circuit counts the subgraph’s failures, not one caller’s slow operation', () => {
  let server: Server
  let url: string
  /** busy: the subgraph answers its liveness check but not the call; frozen: neither. */
  let mode: 'busy' | 'frozen' = 'busy'

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/healthz' && mode === 'busy') {
        res.end('{"status":"ok"}')
        return
      }
      // Held without an answer: the call times out (the connection is closed when the test ends).
      req.resume()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it('stays closed through one caller’s timeouts while the subgraph answers, and opens when it is frozen', async () => {
    const breaker = new CircuitBreaker('social', { failuresToOpen: 3, openMs: 5_000 })
    const fetcher = createSubgraphFetcher({
      timeoutMs: 200,
      breaker,
      policy: DEFAULT_RESILIENCE,
      alive: livenessCheck(url, 200),
    })
    const call = () => fetcher(url, { method: 'POST', body: '{"query":"{ __typename }"}', headers: {} })
    for (let i = 0; i < 5; i++) await expect(call()).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(breaker.state).toBe('closed')

    mode = 'frozen'
    for (let i = 0; i < 3; i++) await expect(call()).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' })
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(breaker.state).toBe('open')
  }, 30_000)
})

describe.runIf(backends.includes('postgres'))('statement_timeout on PostgreSQL', () => {
  it('is set on every connection of a subgraph’s pool from its configuration, and stops a long statement', async () => {
    const database = await openTestDatabase<SocialDB>(socialSubgraph, 'postgres')
    const config = loadSubgraphConfig('social', {
      SOCIAL_DATABASE_URL: database.url,
      SOCIAL_STATEMENT_TIMEOUT_MS: '700',
    })
    expect(loadSubgraphConfig('social', { SOCIAL_DATABASE_URL: database.url }).statementTimeoutMs).toBe(2_500)
    const opened = openDatabase<SocialDB>({ url: database.url! }, { statementTimeoutMs: config.statementTimeoutMs })
    try {
      const shown = await Promise.all(
        Array.from({ length: 3 }, () => sql<{ statement_timeout: string }>`show statement_timeout`.execute(opened.db)),
      )
      expect(shown.map((result) => result.rows[0]?.statement_timeout)).toEqual(['700ms', '700ms', '700ms'])
      const started = performance.now()
      await expect(sql`select pg_sleep(5)`.execute(opened.db)).rejects.toMatchObject({ code: '57014' })
      expect(performance.now() - started).toBeLessThan(3_000)
    } finally {
      await opened.close()
      await database.close()
    }
  }, 60_000)

  it('cancels the statement of a request whose caller gave up (pg_stat_activity)', async () => {
    const database = await openTestDatabase<HealthDB>(healthSubgraph, 'postgres')
    const served = openDatabase<HealthDB>({ url: database.url! }, { statementTimeoutMs: 30_000 })
    const health = await startSubgraphServer(createHealthServer({ db: served.db, grants: sideGrants('health') }), {
      host: '127.0.0.1',
      port: 0,
      verifier: testVerifier,
      database: served.db,
      trackRequest: served.trackRequest,
    })
    const read = async () =>
      postGraphQL<{ icd10Codes: unknown[] }>(
        health.url,
        '{ icd10Codes { code } }',
        {},
        await authorizationFor(viewers.specialist('health')),
      )
    // Another session holds the table the request reads: its statement waits, as a long one would run.
    const locker = new pg.Client({ connectionString: database.url })
    await locker.connect()
    const waiting = async () => {
      const { rows } = await locker.query<{ count: number }>(
        `select count(*)::int as count from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock' and query like '%"icd10_code"%'`,
      )
      return rows[0]!.count
    }
    const until = async (expected: number, withinMs: number) => {
      const deadline = performance.now() + withinMs
      while ((await waiting()) !== expected && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      return waiting()
    }
    try {
      expect((await read()).errors).toBeUndefined()
      await locker.query('begin')
      await locker.query('lock table icd10_code in access exclusive mode')
      // The gateway's own call, with its timeout: it gives up after 2 s and closes the connection.
      const call = postToService(
        health.url,
        JSON.stringify({ query: '{ icd10Codes { code } }' }),
        { 'content-type': 'application/json', authorization: await authorizationFor(viewers.specialist('health')) },
        2_000,
      )
      expect(await until(1, 1_800)).toBe(1)
      await expect(call).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' })
      // Gone at once, while the lock is still held: nobody waits for its answer any more.
      expect(await until(0, 2_000)).toBe(0)
      await locker.query('commit')
      // The connection the cancelled statement held serves the next request.
      const again = await read()
      expect(again.errors).toBeUndefined()
      expect(again.data?.icd10Codes.length).toBeGreaterThan(0)
    } finally {
      await locker.end()
      await health.stop()
      await served.close()
      await database.close()
    }
  }, 60_000)

  it('turns a statement stopped by the timeout into a refusal naming the field, not an outage', async () => {
    const database = await openTestDatabase<SocialDB>(socialSubgraph, 'postgres')
    // A limit no statement of the indicators' can keep: the figures' one statement is stopped.
    const strict = openDatabase<SocialDB>({ url: database.url! }, { statementTimeoutMs: 1 })
    const social = await startSubgraphServer(createSocialServer({ db: strict.db }), {
      host: '127.0.0.1',
      port: 0,
      verifier: testVerifier,
      database: strict.db,
    })
    try {
      const answer = await postGraphQL(
        social.url,
        /* GraphQL */ `
          query ($period: PeriodInput!) {
            regionalIndicators(period: $period) {
              coverage {
                share {
                  percent
                }
              }
            }
          }
        `,
        // A whole year, which an analyst may ask for: the statement, not the period, is what is refused.
        { period: { from: '2025-01-01', to: '2025-12-31' } },
        await authorizationFor(analyst),
      )
      expect(answer.status).toBe(200)
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        rule: 'STATEMENT_TIMEOUT',
        field: 'regionalIndicators.coverage',
      })
      expect(answer.errors?.[0]?.message).toMatch(
        /^regionalIndicators\.coverage: took longer than one database statement/,
      )
    } finally {
      await social.stop()
      await strict.close()
      await database.close()
    }
  }, 60_000)
})
