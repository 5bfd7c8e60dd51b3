import type { Kysely } from 'kysely'
import type { SubgraphName } from '@hub/platform/sides'
import { createDeliveryLoop } from '../delivery-loop.js'
import { describeCallFailure, postToService } from '@hub/platform/http'
import { SIGNATURE_HEADER, signWebhook } from './signature.js'
import { eventsView, type EventTables } from './tables.js'
import {
  claimDelivery,
  listQueueHeads,
  markDeliveryDelivered,
  markDeliveryFailed,
  type DueDelivery,
} from './webhook_delivery.queries.js'

/** How a subgraph delivers its events to the subscribed systems (docs/architecture.md: "Events for ministry systems"). */
export interface WebhookOptions {
  /** The wait after a first failed attempt; it doubles with every further one, up to `retryMaxMs`. */
  retryMs: number
  retryMaxMs: number
  /** After this many failed attempts a delivery is dead (a dead letter) and its subscription moves on. */
  maxAttempts: number
  /** How long one attempt may take. */
  timeoutMs: number
  /** Whether a subscription may name an `http:` address (development, tests); production requires `https:`. */
  allowHttp: boolean
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = Object.freeze({
  retryMs: 5_000,
  retryMaxMs: 3_600_000,
  maxAttempts: 12,
  timeoutMs: 10_000,
  allowHttp: true,
})

/** The wait before the attempt after `attempts` failed ones: exponential, capped. */
export function backoffMs(options: Pick<WebhookOptions, 'retryMs' | 'retryMaxMs'>, attempts: number) {
  return Math.min(options.retryMaxMs, options.retryMs * 2 ** Math.max(0, attempts - 1))
}

/** The JSON a subscriber receives: ids and what happened, never personal data. */
export function webhookBody(side: SubgraphName, delivery: DueDelivery) {
  const { event } = delivery
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: new Date(event.occurredAt).toISOString(),
    side,
    subject: event.subject,
    seq: event.seq,
  })
}

/** One attempt: resolves with the HTTP status of an answer, or rejects with why there was none. */
async function post(side: SubgraphName, delivery: DueDelivery, timeoutMs: number) {
  const body = webhookBody(side, delivery)
  const timestamp = Math.floor(Date.now() / 1000)
  const answer = await postToService(
    delivery.url,
    body,
    {
      'content-type': 'application/json',
      'x-hub-event-id': delivery.event.id,
      'x-hub-event-type': delivery.event.type,
      'x-hub-timestamp': String(timestamp),
      [SIGNATURE_HEADER]: signWebhook(delivery.secret, timestamp, body),
    },
    timeoutMs,
  )
  return answer.status
}

/**
 * The webhook outbox's delivery: each active subscription's queue is sent strictly in the events' order, the head
 * first; a head that fails blocks its queue until it is delivered or, after the last attempt, dead. An attempt holds no
 * transaction open: the head is claimed, sent, and its outcome recorded, each a statement of its own.
 */
export function createEventDelivery<DB extends EventTables>(
  database: Kysely<DB>,
  side: SubgraphName,
  options: WebhookOptions,
) {
  const db = eventsView(database)
  const leaseMs = options.timeoutMs * 2 + 1_000
  let nextRoundMs = options.retryMs

  /** Sends one subscription's queue from its head while its deliveries are due; how long until it is due again. */
  async function drain(head: DueDelivery | undefined): Promise<number> {
    let current = head
    while (current) {
      const delivery: DueDelivery = current
      if (delivery.waitMs > 0) return delivery.waitMs
      if (!(await claimDelivery(db, delivery.id, leaseMs))) return leaseMs
      let status: number | null = null
      let error: string
      try {
        status = await post(side, delivery, options.timeoutMs)
        if (status >= 200 && status < 300) {
          await markDeliveryDelivered(db, delivery.id, status)
          current = (await listQueueHeads(db, delivery.subscriptionId))[0]
          continue
        }
        error = `HTTP ${status}`
      } catch (failure) {
        error = describeCallFailure(failure, options.timeoutMs)
      }
      const attempts = delivery.attempts + 1
      const dead = attempts >= options.maxAttempts
      const retryInMs = backoffMs(options, attempts)
      await markDeliveryFailed(db, delivery.id, { status, error, dead, retryInMs })
      if (!dead) return retryInMs
      // A dead letter leaves the queue: the subscription moves on, and the administrator replays it.
      current = (await listQueueHeads(db, delivery.subscriptionId))[0]
    }
    return Infinity
  }

  async function round() {
    const waits = await Promise.all((await listQueueHeads(db)).map((head) => drain(head)))
    nextRoundMs = Math.min(Infinity, ...waits)
    return nextRoundMs !== Infinity
  }

  return createDeliveryLoop({ round, retryMs: () => nextRoundMs, failure: 'event delivery failed' })
}

export type EventDelivery = ReturnType<typeof createEventDelivery>
