import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import { COMMITTED_OPERATION_NAMES } from '../__generated__/operation-names.js'

/** The pg pool's counts; PGlite has no pool (one connection in the process), so it reports none. */
export interface PoolStats {
  totalCount: number
  idleCount: number
  waitingCount: number
}

/** The client-facing operations (`schema/operations/`): always a label of their own. */
const COMMITTED_OPERATIONS: ReadonlySet<string> = new Set(COMMITTED_OPERATION_NAMES)

/** Other names a process labels by themselves (the subgraphs' calls to each other, ad-hoc explorer queries). */
export const OTHER_NAMES_AT_MOST = 50

/**
 * A label taken from what callers send, bounded: every series is kept in memory for the life of the process, so a
 * caller inventing a new operation name (or error code) per request must not grow it. Past the cap, `other`.
 */
export function boundedLabel(known: ReadonlySet<string>, atMost: number) {
  const seen = new Set<string>()
  return (raw: string | null | undefined) => {
    if (!raw) return 'anonymous'
    const value = raw.slice(0, 100)
    if (known.has(value) || seen.has(value)) return value
    if (seen.size >= atMost) return 'other'
    seen.add(value)
    return value
  }
}

export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export interface ServiceMetrics {
  registry: Registry
  operationLabel(name: string | null | undefined): string
  errorCodeLabel(code: string | null | undefined): string
  requests: Counter<'operation' | 'outcome'>
  requestDuration: Histogram<'operation'>
  graphqlErrors: Counter<'code'>
}

/** One registry per service, so that the hub's services started in one process (the tests) stay apart. */
export function createServiceMetrics(service: string, poolStats?: () => PoolStats): ServiceMetrics {
  const registry = new Registry()
  registry.setDefaultLabels({ service })
  collectDefaultMetrics({ register: registry })
  if (poolStats) {
    const poolGauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read(poolStats()))
        },
      })
    poolGauge('hub_db_pool_connections', 'PostgreSQL connections the pool holds', (stats) => stats.totalCount)
    poolGauge('hub_db_pool_idle_connections', 'Pool connections not in use', (stats) => stats.idleCount)
    poolGauge('hub_db_pool_waiting_queries', 'Queries waiting for a pool connection', (stats) => stats.waitingCount)
  }
  return {
    registry,
    operationLabel: boundedLabel(COMMITTED_OPERATIONS, OTHER_NAMES_AT_MOST),
    errorCodeLabel: boundedLabel(new Set(), OTHER_NAMES_AT_MOST),
    requests: new Counter({
      name: 'hub_requests_total',
      help: 'GraphQL requests answered, by client operation and outcome (ok, or error: an error in the answer or an HTTP error status)',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'hub_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to the end of its answer, by client operation',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    graphqlErrors: new Counter({
      name: 'hub_graphql_errors_total',
      help: 'GraphQL errors in answers, by extensions.code',
      labelNames: ['code'],
      registers: [registry],
    }),
  }
}
