/** How the gateway treats a subgraph that fails: retries of reads, and a circuit breaker per subgraph. */
export interface ResiliencePolicy {
  /** Further attempts of a read whose connection failed; a write is never sent twice. */
  retries: number
  /** The first retry waits up to this long, each further one twice as long (full jitter). */
  retryBaseMs: number
  /** Consecutive failed calls that open a subgraph's circuit. */
  failuresToOpen: number
  /** How long an open circuit fails calls at once before one call may try the subgraph again. */
  openMs: number
}

export const DEFAULT_RESILIENCE: ResiliencePolicy = { retries: 2, retryBaseMs: 50, failuresToOpen: 5, openMs: 5_000 }

/** The state a subgraph's circuit is in, as `/readyz` reports it. */
export type CircuitState = 'closed' | 'open' | 'half-open'

/** The error a call gets while its subgraph's circuit is open: it fails at once, without reaching the subgraph. */
export class CircuitOpenError extends Error {
  constructor(
    readonly subgraph: string,
    readonly retryInMs: number,
  ) {
    super(`circuit open after repeated failures; the next call tries again in ${Math.ceil(retryInMs / 1000)} s`)
  }
}

/**
 * A subgraph's circuit breaker. Closed, every call goes through; `failuresToOpen` failures in a row open it. Open,
 * calls fail at once for `openMs`: a subgraph that is down costs the other sides' answers nothing, not even a
 * connection attempt per request, and is not flooded while it restarts. Then one call at a time (half-open) tries
 * it: a success closes the circuit, so a subgraph that comes back is used again without restarting the gateway; a
 * failure opens it for another `openMs`.
 */
export class CircuitBreaker {
  private failures = 0
  private openedAt: number | null = null
  private trialInFlight = false
  /** Moves on each opening and closing: the outcome of a call admitted before the last move is not counted. */
  private generation = 0

  constructor(
    readonly subgraph: string,
    private readonly policy: Pick<ResiliencePolicy, 'failuresToOpen' | 'openMs'>,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed'
    return this.now() - this.openedAt >= this.policy.openMs ? 'half-open' : 'open'
  }

  /**
   * Throws `CircuitOpenError` when the call may not go; otherwise returns the call's ticket, with which the caller
   * reports how the call ended.
   */
  admit() {
    const state = this.state
    if (state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true
      return this.generation
    }
    if (state !== 'closed') {
      throw new CircuitOpenError(this.subgraph, Math.max(this.policy.openMs - (this.now() - this.openedAt!), 0))
    }
    return this.generation
  }

  succeeded(ticket: number) {
    if (ticket !== this.generation) return
    if (this.openedAt !== null) this.generation += 1
    this.failures = 0
    this.openedAt = null
    this.trialInFlight = false
  }

  /**
   * A call whose end says nothing about the subgraph: one caller's operation ran past the timeout while the subgraph
   * itself answered (`livenessCheck`). It does not count towards opening, nor does it close an open circuit; a trial
   * it was ends, and the next call tries instead.
   */
  released(ticket: number) {
    if (ticket !== this.generation) return
    this.trialInFlight = false
  }

  /**
   * A call that failed. Calls admitted while the circuit was closed may still be failing after it opened (a timeout
   * ends late); they do not count again, so a subgraph that is back is not shut out by its earlier failures.
   */
  failed(ticket: number) {
    if (ticket !== this.generation) return
    this.failures += 1
    if (this.trialInFlight || this.failures >= this.policy.failuresToOpen) {
      this.openedAt = this.now()
      this.generation += 1
    }
    this.trialInFlight = false
  }
}

/** Whether a call failed because the subgraph gave no answer (or stopped sending one) within the timeout. */
export function timedOut(error: unknown) {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
}

/** How long a subgraph's `/healthz` may take to answer the liveness check (at most the subgraph's call timeout). */
export const LIVENESS_TIMEOUT_MS = 1_000

/**
 * Whether a subgraph's process answers at all: its `/healthz` within `timeoutMs`. A call that timed out counts against
 * the circuit only when this fails too. A frozen or overloaded process fails it, and its circuit opens as before; a
 * process that answers at once was busy with that one call's work (one caller's expensive operation, which its own
 * `statement_timeout` and budget bound), and every other caller's calls go on. Concurrent questions share one check.
 */
export function livenessCheck(subgraphUrl: string, timeoutMs: number) {
  const healthUrl = new URL('/healthz', subgraphUrl).toString()
  let pending: Promise<boolean> | null = null
  return () => {
    pending ??= fetch(healthUrl, { signal: AbortSignal.timeout(timeoutMs) })
      .then(async (response) => {
        await response.body?.cancel()
        return response.ok
      })
      .catch(() => false)
      .finally(() => {
        pending = null
      })
    return pending
  }
}

/** Network failures after which the subgraph cannot have run the call: the connection was refused or broke. */
const RETRYABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])

/** Answers of a proxy or a load balancer in front of a subgraph that is restarting or overloaded. */
const RETRYABLE_STATUSES = new Set([502, 503, 504])

/**
 * Whether a failed read is worth another attempt. A timeout is not: the subgraph may still be working on it, and the
 * caller's time is spent. A GraphQL error is not a failure here at all: the subgraph answered.
 */
export function retryable(failure: { error: unknown } | { status: number }) {
  if ('status' in failure) return RETRYABLE_STATUSES.has(failure.status)
  const code = (failure.error as { code?: unknown } | null)?.code
  return typeof code === 'string' && RETRYABLE_CODES.has(code)
}

/** Whether an answer counts against the subgraph's circuit: a 5xx status means the subgraph could not serve. */
export function failedStatus(status: number) {
  return status >= 500
}

/** The wait before retry `attempt` (1, 2, …): random up to `retryBaseMs × 2^(attempt − 1)`. */
export function backoffMs(policy: Pick<ResiliencePolicy, 'retryBaseMs'>, attempt: number) {
  return Math.random() * policy.retryBaseMs * 2 ** (attempt - 1)
}
