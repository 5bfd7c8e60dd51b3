import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway'
import type { GatewayGraphQLRequest, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface'
import type { Span } from '@opentelemetry/api'
import { Counter, Gauge, Histogram, type Registry } from 'prom-client'
import { LATENCY_BUCKETS } from '@hub/platform/telemetry/metrics'
import { endSpan } from '@hub/platform/telemetry/tracing'
import type { Telemetry } from '@hub/platform/telemetry/telemetry'
import type { CircuitBreaker } from './resilience.js'
import { SubgraphDataSource, type GatewayContext } from './subgraph-client.js'

export interface FetchMetrics {
  duration: Histogram<'subgraph'>
  errors: Counter<'subgraph'>
}

/**
 * The gateway's metrics of its subgraph calls. Each subgraph's circuit (`resilience.ts`) is read when scraped: 1 while
 * the gateway fails that subgraph's calls at once (open, or half-open with its one trial call out), 0 when closed.
 */
export function createFetchMetrics(
  registry: Registry,
  circuits: readonly { name: string; breaker: CircuitBreaker }[],
): FetchMetrics {
  new Gauge({
    name: 'hub_subgraph_circuit_open',
    help: "Whether the gateway's circuit for a subgraph is open (1) or closed (0), by subgraph",
    labelNames: ['subgraph'],
    registers: [registry],
    collect() {
      for (const { name, breaker } of circuits) this.set({ subgraph: name }, breaker.state === 'closed' ? 0 : 1)
    },
  })
  return {
    duration: new Histogram({
      name: 'hub_subgraph_fetch_duration_seconds',
      help: "Time from a query plan's fetch leaving for a subgraph to its answer, by subgraph",
      labelNames: ['subgraph'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'hub_subgraph_fetch_errors_total',
      help: 'Fetches a subgraph did not answer (down, timed out, or an HTTP error status), by subgraph',
      labelNames: ['subgraph'],
      registers: [registry],
    }),
  }
}

/**
 * A subgraph's data source that times each fetch and, with tracing on, makes it a span whose `traceparent` the
 * subgraph continues. Fetches batched into one HTTP request (subgraph-client.ts) leave with the first one's headers,
 * so the subgraph's span of a batch is a child of the first fetch's span.
 */
export class ObservedSubgraphDataSource extends SubgraphDataSource {
  /** Keyed by the fetch's headers: the one object Apollo hands to both the hook before and the hooks after. */
  private readonly inFlight = new WeakMap<object, { startedAt: number; span?: Span }>()

  constructor(
    private readonly endpoint: ConstructorParameters<typeof SubgraphDataSource>[0],
    private readonly telemetry: Telemetry,
    private readonly metrics: FetchMetrics,
  ) {
    super(endpoint)
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    super.willSendRequest(options)
    const headers = options.request.http?.headers
    if (!headers) return
    const span = this.telemetry.tracing?.startClientSpan(
      `gateway fetch ${this.endpoint.name}`,
      this.telemetry.scopeOf(options.context)?.span,
      headers,
    )
    this.inFlight.set(headers, { startedAt: performance.now(), span })
  }

  override didReceiveResponse({
    request,
    response,
  }: Required<Pick<GatewayGraphQLRequestContext<GatewayContext>, 'request' | 'response' | 'context'>>) {
    this.finished(request, false)
    return response
  }

  override didEncounterError(
    error: Error,
    fetchRequest: Parameters<SubgraphDataSource['didEncounterError']>[1],
    fetchResponse?: Parameters<SubgraphDataSource['didEncounterError']>[2],
    context?: GatewayContext,
    request?: GatewayGraphQLRequest,
  ) {
    this.finished(request, true)
    super.didEncounterError(error, fetchRequest, fetchResponse, context, request)
  }

  private finished(request: GatewayGraphQLRequest | undefined, failed: boolean) {
    const headers = request?.http?.headers
    const fetch = headers && this.inFlight.get(headers)
    if (!fetch) return
    const subgraph = this.endpoint.name
    this.metrics.duration.observe({ subgraph }, (performance.now() - fetch.startedAt) / 1000)
    if (failed) this.metrics.errors.inc({ subgraph })
    if (fetch.span) endSpan(fetch.span, failed, { 'graphql.subgraph.name': subgraph })
  }
}
