import { sql } from 'kysely'
import type { DomainEventRow } from './domain_event.queries.js'
import type { DeliveryStatus, EventsDatabase, EventSubject } from './tables.js'

/** One column list for `webhook_delivery` with its event: what the administrator's screen shows of a delivery. */
const columns = [
  'webhook_delivery.id',
  'webhook_delivery.subscription_id as subscriptionId',
  'webhook_delivery.status',
  'webhook_delivery.attempts',
  'webhook_delivery.next_attempt_at as nextAttemptAt',
  'webhook_delivery.last_status as lastStatus',
  'webhook_delivery.last_error as lastError',
  'webhook_delivery.delivered_at as deliveredAt',
  'domain_event.id as eventId',
  sql<string>`domain_event.seq::text`.as('eventSeq'),
  'domain_event.type as eventType',
  'domain_event.occurred_at as eventOccurredAt',
  'domain_event.subject as eventSubject',
] as const

export interface WebhookDeliveryRow {
  id: string
  subscriptionId: string
  status: DeliveryStatus
  attempts: number
  nextAttemptAt: Date
  lastStatus: number | null
  lastError: string | null
  deliveredAt: Date | null
  event: DomainEventRow
}

interface FlatDelivery extends Omit<WebhookDeliveryRow, 'event'> {
  eventId: string
  eventSeq: string
  eventType: string
  eventOccurredAt: Date
  eventSubject: EventSubject
}

function nest({ eventId, eventSeq, eventType, eventOccurredAt, eventSubject, ...delivery }: FlatDelivery) {
  return {
    ...delivery,
    event: { id: eventId, seq: eventSeq, type: eventType, occurredAt: eventOccurredAt, subject: eventSubject },
  }
}

function selectDeliveries(db: EventsDatabase) {
  return db
    .selectFrom('webhook_delivery')
    .innerJoin('domain_event', 'domain_event.seq', 'webhook_delivery.event_seq')
    .select(columns)
}

/**
 * Queues the event for every active subscription whose filter takes its type (an empty filter takes all), in one
 * statement of the caller's transaction.
 */
export function insertPendingDeliveries(db: EventsDatabase, seq: string, type: string) {
  return db
    .insertInto('webhook_delivery')
    .columns(['subscription_id', 'event_seq'])
    .expression(
      db
        .selectFrom('webhook_subscription')
        .select(['id', sql<string>`${seq}::bigint`.as('event_seq')])
        .where('active', '=', true)
        .where((eb) =>
          eb.or([
            eb(sql`cardinality(event_types)`, '=', 0),
            eb(sql`${type}::text`, '=', sql<string>`any(event_types)`),
          ]),
        ),
    )
    .executeTakeFirstOrThrow()
}

/** What one attempt sends: the oldest waiting delivery of a subscription, its event, and where and how to sign it. */
export interface DueDelivery extends WebhookDeliveryRow {
  url: string
  secret: string
  /** How long until it is due, by the database's clock: 0 when it is. */
  waitMs: number
}

/**
 * The head of every active subscription's queue: its oldest waiting delivery, due or not. Later ones wait behind it,
 * so that each subscription receives its events in order.
 */
export async function listQueueHeads(db: EventsDatabase, subscriptionId?: string): Promise<DueDelivery[]> {
  let query = selectDeliveries(db)
    .innerJoin('webhook_subscription', 'webhook_subscription.id', 'webhook_delivery.subscription_id')
    .select([
      'webhook_subscription.url',
      'webhook_subscription.secret',
      sql<number>`greatest(0, ceil(extract(epoch from webhook_delivery.next_attempt_at - now()) * 1000))::int`.as(
        'waitMs',
      ),
    ])
    .distinctOn('webhook_delivery.subscription_id')
    .where('webhook_delivery.status', '=', 'PENDING')
    .where('webhook_subscription.active', '=', true)
  if (subscriptionId !== undefined) query = query.where('webhook_delivery.subscription_id', '=', subscriptionId)
  const rows = await query.orderBy('webhook_delivery.subscription_id').orderBy('webhook_delivery.event_seq').execute()
  return rows.map(({ url, secret, waitMs, ...row }) => ({ ...nest(row), url, secret, waitMs }))
}

/**
 * Takes a due delivery for one attempt: its next attempt moves past the attempt's own duration, so that another
 * replica of the subgraph leaves it alone meanwhile. False when it is not due or another replica took it.
 */
export async function claimDelivery(db: EventsDatabase, id: string, leaseMs: number) {
  const claimed = await db
    .updateTable('webhook_delivery')
    .set({ next_attempt_at: sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})` })
    .where('id', '=', id)
    .where('status', '=', 'PENDING')
    .where('next_attempt_at', '<=', sql<Date>`now()`)
    .returning('id')
    .executeTakeFirst()
  return claimed !== undefined
}

export function markDeliveryDelivered(db: EventsDatabase, id: string, status: number) {
  return db
    .updateTable('webhook_delivery')
    .set((eb) => ({
      status: 'DELIVERED',
      attempts: eb('attempts', '+', 1),
      last_status: status,
      last_error: null,
      delivered_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .execute()
}

/** Records a failed attempt: the next one after `retryInMs`, or none (`dead`) once the attempts are spent. */
export function markDeliveryFailed(
  db: EventsDatabase,
  id: string,
  failure: { status: number | null; error: string; dead: boolean; retryInMs: number },
) {
  return db
    .updateTable('webhook_delivery')
    .set((eb) => ({
      status: failure.dead ? 'DEAD' : 'PENDING',
      attempts: eb('attempts', '+', 1),
      last_status: failure.status,
      last_error: failure.error.slice(0, 500),
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${failure.retryInMs / 1000})`,
    }))
    .where('id', '=', id)
    .execute()
}

/** The dead letters, oldest first: of one subscription or of all. */
export async function listDeadDeliveries(db: EventsDatabase, subscriptionId: string | null, limit: number) {
  let query = selectDeliveries(db).where('webhook_delivery.status', '=', 'DEAD')
  if (subscriptionId !== null) query = query.where('webhook_delivery.subscription_id', '=', subscriptionId)
  const rows = await query.orderBy('webhook_delivery.event_seq').orderBy('webhook_delivery.id').limit(limit).execute()
  return rows.map(nest)
}

/**
 * Queues dead deliveries again with fresh attempts: those named, or every one of a subscription. They take their
 * place in the queue by their event's position, so they go before events recorded since.
 */
export async function requeueDeadDeliveries(
  db: EventsDatabase,
  which: { ids: readonly string[] } | { subscriptionId: string },
) {
  if ('ids' in which && which.ids.length === 0) return []
  const query = db
    .updateTable('webhook_delivery')
    .set({ status: 'PENDING', attempts: 0, next_attempt_at: sql<Date>`now()`, last_error: null })
    .where('status', '=', 'DEAD')
  const rows = await (
    'ids' in which ? query.where('id', 'in', [...which.ids]) : query.where('subscription_id', '=', which.subscriptionId)
  )
    .returning('id')
    .execute()
  return rows.map((row) => row.id)
}

export async function findDeliveriesByIds(db: EventsDatabase, ids: readonly string[]) {
  if (ids.length === 0) return []
  const rows = await selectDeliveries(db)
    .where('webhook_delivery.id', 'in', [...ids])
    .orderBy('webhook_delivery.event_seq')
    .execute()
  return rows.map(nest)
}
