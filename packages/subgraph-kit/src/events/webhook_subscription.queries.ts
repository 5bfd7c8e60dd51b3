import { sql } from 'kysely'
import type { EventsDatabase } from './tables.js'

/** One column list for `webhook_subscription`; the secret is read only by the delivery, never by a resolver. */
const columns = [
  'webhook_subscription.id',
  'webhook_subscription.url',
  'webhook_subscription.event_types as eventTypes',
  'webhook_subscription.description',
  'webhook_subscription.active',
  'webhook_subscription.created_by as createdBy',
  'webhook_subscription.created_at as createdAt',
  sql<number>`(select count(*)::int from webhook_delivery d where d.subscription_id = webhook_subscription.id and d.status = 'PENDING')`.as(
    'pendingCount',
  ),
  sql<number>`(select count(*)::int from webhook_delivery d where d.subscription_id = webhook_subscription.id and d.status = 'DEAD')`.as(
    'deadCount',
  ),
] as const

export interface WebhookSubscriptionRow {
  id: string
  url: string
  eventTypes: string[]
  description: string
  active: boolean
  createdBy: string
  createdAt: Date
  pendingCount: number
  deadCount: number
}

export interface NewWebhookSubscription {
  url: string
  secret: string
  eventTypes: readonly string[]
  description: string
  createdBy: string
}

export async function insertWebhookSubscription(db: EventsDatabase, subscription: NewWebhookSubscription) {
  const { id } = await db
    .insertInto('webhook_subscription')
    .values({
      url: subscription.url,
      secret: subscription.secret,
      event_types: [...subscription.eventTypes],
      description: subscription.description,
      created_by: subscription.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export function listWebhookSubscriptions(db: EventsDatabase) {
  return db.selectFrom('webhook_subscription').select(columns).orderBy('created_at').orderBy('id').execute() as Promise<
    WebhookSubscriptionRow[]
  >
}

export function findWebhookSubscriptionById(db: EventsDatabase, id: string) {
  return db.selectFrom('webhook_subscription').select(columns).where('id', '=', id).executeTakeFirst() as Promise<
    WebhookSubscriptionRow | undefined
  >
}

export function updateWebhookSubscriptionActive(db: EventsDatabase, id: string, active: boolean) {
  return db.updateTable('webhook_subscription').set({ active }).where('id', '=', id).returning('id').executeTakeFirst()
}

export function deleteWebhookSubscription(db: EventsDatabase, id: string) {
  return db.deleteFrom('webhook_subscription').where('id', '=', id).returning('id').executeTakeFirst()
}
