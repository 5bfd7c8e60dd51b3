import type { IncomingHttpHeaders } from 'node:http'
import { Agent, request } from 'undici'

/** What a call from one service of the hub to another answers: the status, the headers and the whole body. */
export interface ServiceAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

const agents = new Map<number, Agent>()

/**
 * One keep-alive connection pool per timeout: reusing connections instead of opening one per call is most of the
 * gateway's throughput on small queries (DESIGN.md §6). The timeouts are the agent's own (no answer begun, or a pause in the
 * body, longer than `timeoutMs`) rather than an `AbortSignal` per call: a signal and WHATWG `fetch`'s streams cost
 * about a tenth of the gateway's CPU per ChildCard (docs/development.md, Performance).
 */
function agentFor(timeoutMs: number) {
  let agent = agents.get(timeoutMs)
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: 30_000,
      connections: 64,
      pipelining: 1,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    })
    agents.set(timeoutMs, agent)
  }
  return agent
}

/** POSTs a body to another service of the hub and reads the whole answer; a service silent for `timeoutMs` fails. */
export async function postToService(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<ServiceAnswer> {
  const response = await request(url, { method: 'POST', body, headers, dispatcher: agentFor(timeoutMs) })
  return { status: response.statusCode, headers: response.headers, body: await response.body.text() }
}

/** Why a call to another service failed, in a few words: a timeout, a network code, or the error's message. */
export function describeCallFailure(error: unknown, timeoutMs: number) {
  if (!(error instanceof Error)) return String(error)
  const code = (error as Error & { code?: string }).code
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `no answer within ${timeoutMs} ms`
  return code ?? error.message
}
