import cluster from 'node:cluster'
import type { Express } from 'express'
import { fetch } from 'undici'
import type { TokenVerifier } from '@hub/platform/auth/tokens'
import { fromOperator } from '@hub/platform/doors'
import type { CircuitBreaker } from './resilience.js'

const PROBE_TIMEOUT_MS = 1_000

export interface SubgraphProbe {
  name: string
  url: string
  breaker: CircuitBreaker
}

async function probe({ name, url, breaker }: SubgraphProbe) {
  const circuit = breaker.state
  const healthUrl = new URL('/healthz', url).toString()
  const started = performance.now()
  try {
    const response = await fetch(healthUrl, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    await response.body?.cancel()
    return {
      name,
      url,
      reachable: response.ok,
      circuit,
      status: response.status,
      latencyMs: Math.round(performance.now() - started),
    }
  } catch (error) {
    return { name, url, reachable: false, circuit, error: error instanceof Error ? error.name : String(error) }
  }
}

/** Starting: planning the committed operations; stopping: draining in-flight requests, taking no new ones. */
export type GatewayPhase = 'starting' | 'ready' | 'stopping'

/**
 * `/healthz`: the process is alive. `/readyz`: the supergraph is loaded,
 * so the gateway can serve. To an operator's token (`doors.ts`) it also
 * lists each subgraph's URL and reachability, which do not gate readiness,
 * because a gateway with one side down still answers with the other sides'
 * data; `circuit` is the state of the gateway's breaker for that subgraph
 * (`resilience.ts`): `open` means this process fails its calls at once for
 * now. Anyone else learns the status only: the hub's internal addresses are
 * no one else's business.
 */

export function mountHealthRoutes(
  app: Express,
  state: { phase: () => GatewayPhase; subgraphs: readonly SubgraphProbe[]; verifier: TokenVerifier },
) {
  app.get('/healthz', (_req, res) => {
    // Which of GATEWAY_WORKERS answered (null with one process): a check behind a load balancer can tell them apart.
    res.json({ status: 'ok', worker: cluster.worker?.id ?? null })
  })
  app.get('/readyz', async (req, res) => {
    const phase = state.phase()
    res.status(phase === 'ready' ? 200 : 503)
    if (!(await fromOperator(req, state.verifier))) {
      res.json({ status: phase })
      return
    }
    const subgraphs = await Promise.all(state.subgraphs.map(probe))
    res.json({ status: phase, supergraphLoaded: phase !== 'starting', subgraphs })
  })
}
