import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { print } from 'graphql'
import { fetch } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ChildCardDocument,
  FileQuarterlyReportDocument,
  RegistryPageDocument,
} from '../../schema/__generated__/operations.js'
import { SUBGRAPH_NAMES } from '@hub/platform/sides'
import { DEFINITION_VERSION } from '../../subgraphs/social/src/modules/monitoring/services/indicators.js'
import { authorizationFor, viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startHub, type Hub } from '../support/hub.js'
import { insertChildKnownToEverySide } from '../support/scenario.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

type LogLine = Record<string, unknown> & { service: string; msg: string }

/** The hub's log lines, as the services wrote them. */
function captureLogs() {
  const lines: LogLine[] = []
  const raw: string[] = []
  return {
    lines,
    raw,
    destination: {
      write(line: string) {
        raw.push(line)
        lines.push(JSON.parse(line) as LogLine)
      },
    },
  }
}

/** A ChildCard as the dashboard sends it, with the headers a test chooses; the answer with its headers. */
async function childCard(hub: Hub, id: string, headers: Record<string, string> = {}) {
  const authorization = await authorizationFor(viewers.coordinator('regional'))
  const response = await fetch(hub.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization, ...headers },
    body: JSON.stringify({ query: print(ChildCardDocument), variables: { id }, operationName: 'ChildCard' }),
  })
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] }
  return { response, body, authorization }
}

interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

/** `/metrics` of a service, parsed from the Prometheus text format. */
async function metricsOf(graphqlUrl: string, token?: string): Promise<Sample[]> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return (await response.text()).split('\n').flatMap((line) => {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match) return []
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]))
    return [{ name: match[1]!, labels: labels as Record<string, string>, value: Number(match[3]) }]
  })
}

function sample(samples: Sample[], name: string, labels: Record<string, string>) {
  return samples.find((one) => one.name === name && Object.entries(labels).every(([k, v]) => one.labels[k] === v))
}

describe.each(backends)('observability: logs, request ids and metrics (%s)', (backend) => {
  let hub: Hub
  let childId: string
  const logs = captureLogs()

  beforeAll(async () => {
    hub = await startHub(backend, { telemetry: { logLevel: 'info', logDestination: logs.destination } })
    childId = (await insertChildKnownToEverySide(hub.databases)).child.id
  })
  afterAll(() => hub?.stop())

  it('returns the request id the client sent and logs the request under it in the gateway and every subgraph', async () => {
    const { response, body } = await childCard(hub, childId, { 'x-request-id': 'dashboard-4711.a' })
    expect(body.errors).toBeUndefined()
    expect(response.headers.get('x-request-id')).toBe('dashboard-4711.a')
    const lines = logs.lines.filter((line) => line.requestId === 'dashboard-4711.a')
    expect(new Set(lines.map((line) => line.service))).toEqual(new Set(['gateway', ...SUBGRAPH_NAMES]))
    expect(lines.find((line) => line.service === 'gateway')).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'POST',
      operation: 'ChildCard',
      status: 200,
      outcome: 'ok',
      subject: 'regional-coordinator',
      durationMs: expect.any(Number),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })
    // The subgraphs log the gateway's fetches under the client's operation.
    expect(lines.find((line) => line.service === 'health')).toMatchObject({ operation: 'ChildCard', status: 200 })
    // The other sides ask social about consents for the same request, and say which request they ask for.
    const askers = lines.filter((line) => line.service === 'social' && line.operation === 'AccessGrants')
    expect(new Set(askers.map((line) => line.subject))).toContain('service:health')
  })

  it('logs the freeze of a filed report in the other sides under the filing request’s id', async () => {
    const authorization = await authorizationFor(viewers.coordinator('regional'))
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, 'x-request-id': 'file-2026-q3' },
      body: JSON.stringify({
        query: print(FileQuarterlyReportDocument),
        variables: { input: { year: 2026, quarter: 3, definitionVersion: DEFINITION_VERSION } },
      }),
    })
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined()
    const freezes = logs.lines.filter((line) => line.operation === 'FreezeReportIndicators')
    expect(new Set(freezes.map((line) => line.service))).toEqual(new Set(['health', 'education', 'ngo']))
    expect(freezes.every((line) => line.requestId === 'file-2026-q3')).toBe(true)
  })

  it('makes a UUID for a request without an id, or with one that is not well formed', async () => {
    const generated = (await childCard(hub, childId)).response.headers.get('x-request-id')
    expect(generated).toMatch(UUID)
    expect(logs.lines.filter((line) => line.requestId === generated).length).toBeGreaterThanOrEqual(5)
    const replaced = (await childCard(hub, childId, { 'x-request-id': 'a b"\\c' })).response.headers.get('x-request-id')
    expect(replaced).toMatch(UUID)
    expect(logs.raw.join('')).not.toContain('a b')
    // A subgraph called directly, not through the gateway, makes its own.
    const direct = await fetch(hub.services.health.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: await authorizationFor(viewers.coordinator('health')),
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    })
    expect(direct.status).toBe(200)
    const own = direct.headers.get('x-request-id')
    expect(own).toMatch(UUID)
    expect(logs.lines.find((line) => line.requestId === own)).toMatchObject({ service: 'health', operation: null })
  })

  it('writes no token, no variables and no personal data to the log', async () => {
    const { authorization } = await childCard(hub, childId, { 'x-request-id': 'no-secrets' })
    const written = logs.raw.join('')
    expect(logs.lines.some((line) => line.requestId === 'no-secrets')).toBe(true)
    expect(written).not.toContain(authorization.slice('Bearer '.length))
    expect(written).not.toContain(childId)
    expect(written).not.toContain('Соколова')
    expect(written).not.toContain('112-233-445 95')
  })

  it('counts requests and their latency per operation on the gateway and on every subgraph', async () => {
    await childCard(hub, childId)
    const gateway = await metricsOf(hub.gateway.url)
    const labels = { service: 'gateway', operation: 'ChildCard', outcome: 'ok' }
    expect(sample(gateway, 'hub_requests_total', labels)?.value).toBeGreaterThanOrEqual(1)
    expect(
      sample(gateway, 'hub_request_duration_seconds_count', { service: 'gateway', operation: 'ChildCard' })?.value,
    ).toBeGreaterThanOrEqual(1)
    for (const name of SUBGRAPH_NAMES) {
      expect(
        sample(gateway, 'hub_subgraph_fetch_duration_seconds_count', { subgraph: name })?.value,
        `fetches to ${name}`,
      ).toBeGreaterThanOrEqual(1)
      const own = await metricsOf(hub.services[name].url)
      expect(
        sample(own, 'hub_requests_total', { service: name, operation: 'ChildCard', outcome: 'ok' })?.value,
      ).toBeGreaterThanOrEqual(1)
      expect(sample(own, 'process_resident_memory_bytes', { service: name })?.value).toBeGreaterThan(0)
    }
    expect(sample(gateway, 'nodejs_eventloop_lag_seconds', { service: 'gateway' })).toBeDefined()
    expect(sample(gateway, 'hub_subgraph_fetch_errors_total', {})).toBeUndefined()
  })

  it('counts errors by their code where they arise and where they are answered', async () => {
    const before = await metricsOf(hub.gateway.url)
    const count = (samples: Sample[]) =>
      sample(samples, 'hub_graphql_errors_total', { code: 'BAD_USER_INPUT' })?.value ?? 0
    const socialBefore = count(await metricsOf(hub.services.social.url))
    const { errors } = await hub.query(RegistryPageDocument, { first: 0 })
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(count(await metricsOf(hub.gateway.url))).toBe(count(before) + 1)
    expect(count(await metricsOf(hub.services.social.url))).toBe(socialBefore + 1)
    expect(
      sample(await metricsOf(hub.gateway.url), 'hub_requests_total', { operation: 'RegistryPage', outcome: 'error' })
        ?.value,
    ).toBe(1)
    // Refused before its body is read: a request without a token, known by no operation name.
    const unauthenticated = (samples: Sample[]) =>
      sample(samples, 'hub_graphql_errors_total', { code: 'UNAUTHENTICATED' })?.value ?? 0
    const refusedBefore = await metricsOf(hub.gateway.url)
    const refused = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(ChildCardDocument), variables: { id: childId }, operationName: 'ChildCard' }),
    })
    expect(refused.status).toBe(401)
    const refusedAfter = await metricsOf(hub.gateway.url)
    expect(unauthenticated(refusedAfter)).toBe(unauthenticated(refusedBefore) + 1)
    const failedUnnamed = (samples: Sample[]) =>
      sample(samples, 'hub_requests_total', { operation: 'anonymous', outcome: 'error' })?.value ?? 0
    expect(failedUnnamed(refusedAfter)).toBe(failedUnnamed(refusedBefore) + 1)
    expect(logs.lines.at(-1)).toMatchObject({ service: 'gateway', status: 401, operation: null, subject: null })
  })

  it('labels an operation outside the committed ones by its name only up to a bound', async () => {
    const authorization = await authorizationFor(viewers.coordinator('regional'))
    for (let i = 0; i < 60; i++) {
      await fetch(hub.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: `query Invented${i} { __typename }` }),
      })
    }
    const operations = new Set(
      (await metricsOf(hub.gateway.url))
        .filter((one) => one.name === 'hub_requests_total')
        .map((one) => one.labels.operation),
    )
    expect(operations).toContain('ChildCard')
    expect(operations).toContain('other')
    expect([...operations].filter((name) => name?.startsWith('Invented')).length).toBeLessThanOrEqual(50)
  })

  it(`reports the database pool ${backend === 'postgres' ? 'of each subgraph' : 'nowhere: PGlite has none'}`, async () => {
    for (const name of SUBGRAPH_NAMES) {
      const total = sample(await metricsOf(hub.services[name].url), 'hub_db_pool_connections', { service: name })
      if (backend === 'pglite') expect(total).toBeUndefined()
      else expect(total?.value).toBeGreaterThanOrEqual(1)
    }
  })
})

interface ExportedSpan {
  service: string
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  status?: { code?: number }
}

/** An OpenTelemetry collector's OTLP/HTTP traces endpoint, keeping the spans it receives (JSON). */
async function startCollector() {
  const spans: ExportedSpan[] = []
  const server: Server = createServer((req, res) => {
    let text = ''
    req.on('data', (chunk: Buffer) => (text += chunk.toString()))
    req.on('end', () => {
      const body = JSON.parse(text) as {
        resourceSpans: {
          resource: { attributes: { key: string; value: { stringValue?: string } }[] }
          scopeSpans: { spans: Omit<ExportedSpan, 'service'>[] }[]
        }[]
      }
      for (const { resource, scopeSpans } of body.resourceSpans) {
        const service = resource.attributes.find((one) => one.key === 'service.name')?.value.stringValue ?? ''
        for (const scope of scopeSpans) for (const span of scope.spans) spans.push({ service, ...span })
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
    spans,
    stop: () => new Promise<void>((closed) => server.close(() => closed())),
  }
}

// The spans do not depend on the database, so one backend is enough.
describe('observability: tracing switched on, metrics behind a token', () => {
  const metricsToken = 'scrape-0123456789abcdef'
  let collector: Awaited<ReturnType<typeof startCollector>>
  let hub: Hub

  beforeAll(async () => {
    collector = await startCollector()
    hub = await startHub('pglite', {
      telemetry: { logLevel: 'silent', tracesUrl: collector.url, metricsToken },
      // ngo is down: its fetch is a failed span and a fetch error.
      urls: { ngo: 'http://127.0.0.1:9/graphql' },
    })
  })
  afterAll(async () => {
    await hub?.stop()
    await collector?.stop()
  })

  it('answers /metrics only with the configured token', async () => {
    for (const url of [hub.gateway.url, hub.services.health.url]) {
      const metrics = url.replace(/\/graphql$/, '/metrics')
      expect((await fetch(metrics)).status).toBe(401)
      expect((await fetch(metrics, { headers: { authorization: 'Bearer scrape-0123456789abcdeX' } })).status).toBe(401)
      expect((await fetch(metrics, { headers: { authorization: `Bearer ${metricsToken}` } })).status).toBe(200)
    }
  })

  it('exports the gateway’s and the subgraphs’ spans of one ChildCard as one trace', async () => {
    const { child } = await insertChildKnownToEverySide(hub.databases)
    const { response } = await childCard(hub, child.id)
    expect(response.status).toBe(200)
    expect(
      sample(await metricsOf(hub.gateway.url, metricsToken), 'hub_subgraph_fetch_errors_total', { subgraph: 'ngo' })
        ?.value,
    ).toBeGreaterThanOrEqual(1)
    // Stopping flushes every service's buffered spans to the collector.
    await hub.stop()

    const root = collector.spans.find((span) => span.service === 'gateway' && span.name === 'POST /graphql')
    expect(root).toBeDefined()
    const trace = collector.spans.filter((span) => span.traceId === root!.traceId)
    expect(new Set(trace.map((span) => span.service))).toEqual(new Set(['gateway', 'social', 'health', 'education']))
    const fetches = trace.filter((span) => span.name.startsWith('gateway fetch '))
    expect(fetches.every((span) => span.parentSpanId === root!.spanId)).toBe(true)
    for (const name of ['social', 'health', 'education']) {
      const served = trace.filter((span) => span.service === name)
      // Each subgraph's request continues a fetch of the gateway (or, for social, a side's call about consents).
      expect(served.length).toBeGreaterThanOrEqual(1)
      expect(served.every((span) => trace.some((parent) => parent.spanId === span.parentSpanId))).toBe(true)
    }
    expect(fetches.find((span) => span.name === 'gateway fetch ngo')?.status?.code).toBe(2)
  })
})
