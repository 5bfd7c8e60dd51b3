import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway'
import { GATEWAY_CALL_HEADER } from '@hub/platform/auth/tokens'
import type { Viewer } from '@hub/platform/auth/viewer'
import { MAX_SUBGRAPH_BATCH } from '@hub/platform/limits'
import { PURPOSE_HEADER } from '@hub/platform/purpose'
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher'
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface'
import { AsyncLocalStorage } from 'node:async_hooks'
import { GraphQLError, type GraphQLFormattedError } from 'graphql'
import type { IncomingHttpHeaders } from 'node:http'
import type { Side } from '@hub/platform/error-rules'
import type { RuleExtensions } from '@hub/platform/errors'
import { describeCallFailure, postToService } from '@hub/platform/http'
import { REQUEST_ID_HEADER } from '@hub/platform/telemetry/telemetry'
import {
  backoffMs,
  failedStatus,
  retryable,
  timedOut,
  type CircuitBreaker,
  type ResiliencePolicy,
} from './resilience.js'

/**
 * The client request a subgraph fetch is made for (fetches are batched within one client request only), and whether
 * the fetch only reads, so that it may be sent again.
 */
const currentFetch = new AsyncLocalStorage<{ request: object; readOnly: boolean }>()

/** A body already received: the text as sent, or one part of a batched answer, already parsed. */
type ReceivedBody = { text: string } | { json: unknown }

/** The headers of an answer, once for all the parts of a batched one. */
function fetcherHeaders(headers: IncomingHttpHeaders): FetcherHeaders {
  return new Headers(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((one) => [name, one] as [string, string]),
    ),
  )
}

/**
 * A subgraph's answer as the gateway's data source reads it, the whole body already received. The data source reads
 * a JSON answer with `json()`, so a part of a batched answer is handed over as parsed, not serialised to be parsed
 * again.
 */
class SubgraphResponse implements FetcherResponse {
  readonly bodyUsed = false
  readonly redirected = false
  readonly statusText = ''

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: FetcherHeaders,
    private readonly body: ReceivedBody,
  ) {}

  get ok() {
    return this.status >= 200 && this.status < 300
  }

  private bodyText() {
    return 'text' in this.body ? this.body.text : JSON.stringify(this.body.json)
  }

  text() {
    return Promise.resolve(this.bodyText())
  }

  json() {
    return Promise.resolve('json' in this.body ? this.body.json : (JSON.parse(this.body.text) as unknown))
  }

  arrayBuffer() {
    return Promise.resolve(new TextEncoder().encode(this.bodyText()).buffer as ArrayBuffer)
  }

  /** A clone holds the text, so that reading one never hands out the other's parsed objects. */
  clone() {
    return new SubgraphResponse(this.url, this.status, this.headers, { text: this.bodyText() })
  }
}

/** Fetches of one client request to one subgraph, waiting for the end of the event loop's turn to leave together. */
interface PendingBatch {
  headers: Record<string, string>
  bodies: string[]
  /** Every fetch of the batch only reads: the batch may be sent again after a broken connection. */
  readOnly: boolean
  answers: { resolve(response: SubgraphResponse): void; reject(error: unknown): void }[]
}

/** How one subgraph is called: its timeout, and its circuit breaker and retries (`resilience.ts`). */
export interface SubgraphCalls {
  timeoutMs: number
  breaker: CircuitBreaker
  policy: ResiliencePolicy
  /** Whether the subgraph's process answers at all, asked after a call timed out (`livenessCheck`). */
  alive: () => Promise<boolean>
}

/**
 * A fetch bounded by the subgraph's timeout: a hung subgraph costs at most `timeoutMs`.
 *
 * The fetches one client request's query plan sends to the subgraph at the same moment (the branches of a `Parallel`
 * node: a ChildCard asks social for the providers, services and ИПРП items the other sides name, up to eight at once)
 * leave as one batched HTTP request, a JSON array answered by an array in the same order. The subgraph answers them
 * with one token check, one context and so one database statement per loader, and one access-audit write.
 *
 * Each HTTP request first passes the subgraph's circuit breaker, and its outcome is reported to it; a timeout counts
 * only when the subgraph's process does not answer its liveness check either. A batch of reads
 * whose connection was refused or broke, or that a proxy answered 502–504, is sent again after a short random wait,
 * up to `policy.retries` times: a subgraph restarting behind the gateway, or a kept-alive connection it closed, costs
 * the caller nothing. A batch holding a mutation is sent once, whatever happens.
 */
export function createSubgraphFetcher({ timeoutMs, breaker, policy, alive }: SubgraphCalls): Fetcher {
  const pending = new WeakMap<object, PendingBatch>()

  /** One attempt, its outcome reported to the breaker: the answer, or the failure with whether to try again. */
  async function attempt(url: string, body: string, headers: Record<string, string>) {
    const ticket = breaker.admit()
    try {
      const answer = await postToService(url, body, headers, timeoutMs)
      if (!failedStatus(answer.status)) {
        breaker.succeeded(ticket)
        return { answer, again: false }
      }
      breaker.failed(ticket)
      return { answer, again: retryable({ status: answer.status }) }
    } catch (error) {
      // One caller's slow operation on a subgraph that otherwise answers is not the subgraph's failure: counted, five
      // of them from one analyst would shut every caller out of the subgraph for the open time. The caller does not
      // wait for the check; the breaker learns its answer a moment later.
      if (timedOut(error)) {
        void alive().then((answers) => (answers ? breaker.released(ticket) : breaker.failed(ticket)))
      } else {
        breaker.failed(ticket)
      }
      return { error, again: retryable({ error }) }
    }
  }

  async function post(url: string, { headers, bodies, readOnly }: PendingBatch) {
    const body = bodies.length === 1 ? bodies[0]! : `[${bodies.join(',')}]`
    let outcome = await attempt(url, body, headers)
    for (let retry = 1; readOnly && outcome.again && retry <= policy.retries; retry += 1) {
      await new Promise((resolve) => setTimeout(resolve, backoffMs(policy, retry)))
      // A circuit the failures opened ends the retries; the caller learns what actually failed.
      if (breaker.state !== 'closed') break
      outcome = await attempt(url, body, headers)
    }
    if ('error' in outcome) throw outcome.error
    return outcome.answer
  }

  async function sendBatch(url: string, batch: PendingBatch) {
    const { bodies, answers } = batch
    try {
      const answer = await post(url, batch)
      const received = fetcherHeaders(answer.headers)
      const parsed: unknown = bodies.length === 1 || answer.status !== 200 ? null : JSON.parse(answer.body)
      if (!Array.isArray(parsed) || parsed.length !== bodies.length) {
        // One fetch's answer, or a refusal of the whole batch (a bad token), is every fetch's answer.
        for (const { resolve } of answers)
          resolve(new SubgraphResponse(url, answer.status, received, { text: answer.body }))
        return
      }
      answers.forEach(({ resolve }, i) =>
        resolve(new SubgraphResponse(url, answer.status, received, { json: parsed[i] })),
      )
    } catch (error) {
      for (const { reject } of answers) reject(error)
    }
  }

  return (async (url: string, init: FetcherRequestInit) => {
    const { request, readOnly } = currentFetch.getStore() ?? { request: {}, readOnly: false }
    let batch = pending.get(request)
    if (!batch || batch.bodies.length >= MAX_SUBGRAPH_BATCH) {
      const opened: PendingBatch = { headers: init.headers ?? {}, bodies: [], readOnly: true, answers: [] }
      pending.set(request, opened)
      setImmediate(() => {
        if (pending.get(request) === opened) pending.delete(request)
        void sendBatch(url, opened)
      })
      batch = opened
    }
    batch.bodies.push(String(init.body))
    batch.readOnly &&= readOnly
    const { answers } = batch
    return new Promise<SubgraphResponse>((resolve, reject) => answers.push({ resolve, reject }))
  }) as Fetcher
}

/** What the gateway knows of a request: the verified caller and the header it proved itself with. */
export interface CallerContext {
  viewer: Viewer
  authorization: string
  /** The gateway's assertion bound to `authorization` (`x-hub-gateway`): the subgraphs see the call is the gateway's. */
  gatewayAssertion: string
  /** The purpose the caller states (`x-access-purpose`); each subgraph validates it and decides with it. */
  purpose: string | undefined
  /** This client request's id (`x-request-id`), in every service's log lines about it. */
  requestId: string
}

/** A request the gateway sends itself at start to plan a committed operation (warm-up.ts); it reaches no subgraph. */
export interface WarmUpContext {
  warmUp: true
}

export type GatewayContext = CallerContext | WarmUpContext

/** The operation a fetch sends: the gateway writes the plan's mutation steps as `mutation …`. */
const MUTATION = /^\s*mutation\b/

/**
 * The GraphQL errors of a subgraph's 4xx answer: it refused the request as the client's error (an argument it cannot
 * take, a header it refuses), and says which field and rule in its errors. Apollo's data source throws on any status
 * but 2xx; these errors reach the client as they are, with their codes, rather than as an outage to retry.
 */
function clientErrors(error: unknown): GraphQLFormattedError[] | undefined {
  if (!(error instanceof GraphQLError)) return undefined
  const response = error.extensions.response as { status?: unknown; body?: unknown } | undefined
  if (typeof response?.status !== 'number' || response.status < 400 || response.status >= 500) return undefined
  const errors = (response.body as { errors?: unknown } | null)?.errors
  return Array.isArray(errors) && errors.length > 0 ? (errors as GraphQLFormattedError[]) : undefined
}

/**
 * A subgraph that is down, refuses or times out becomes a GraphQL error
 * coded UNAVAILABLE; the gateway adds `serviceName`, keeps the other
 * sides' data and nulls only this side's fields. A subgraph's refusal of
 * the client's input (4xx) keeps its own errors.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly subgraph: { name: string; url: string } & SubgraphCalls) {
    super({ url: subgraph.url, fetcher: createSubgraphFetcher(subgraph) })
  }

  /**
   * The caller's own token and stated purpose go on to every subgraph, which verifies and decides again, with the
   * gateway's assertion bound to that token; the request id, to log with.
   */
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (!('authorization' in context)) return
    request.http?.headers.set('authorization', context.authorization)
    request.http?.headers.set(GATEWAY_CALL_HEADER, context.gatewayAssertion)
    if (context.purpose) request.http?.headers.set(PURPOSE_HEADER, context.purpose)
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId)
  }

  /** What the screens need to name the ministry that did not answer (the supergraph's subgraphs are the four sides). */
  private unavailable(reason: string) {
    const side = this.subgraph.name as Side
    return {
      code: 'UNAVAILABLE',
      reason,
      rule: 'SUBGRAPH_UNAVAILABLE',
      params: { side },
    } satisfies RuleExtensions<'SUBGRAPH_UNAVAILABLE'>
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if ('warmUp' in options.context)
      return { errors: [{ message: 'planned only', extensions: this.unavailable('planned only') }] }
    try {
      const readOnly = !MUTATION.test(options.request.query ?? '')
      return await currentFetch.run({ request: options.context, readOnly }, () => super.process(options))
    } catch (error) {
      const refused = clientErrors(error)
      if (refused) return { errors: refused }
      const reason = describeCallFailure(error, this.subgraph.timeoutMs)
      return {
        errors: [
          {
            message: `Subgraph "${this.subgraph.name}" is unavailable: ${reason}`,
            extensions: this.unavailable(reason),
          },
        ],
      }
    }
  }
}
