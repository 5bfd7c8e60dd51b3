import type { Kysely } from 'kysely'
import type { SubgraphName } from '@hub/platform/sides'
import { badUserInput, notFound } from '@hub/platform/errors'
import { noteOutboxWrite } from '../outbox-writes.js'
import { requireIntegerBetween, requireUuid } from '../validation.js'
import type { Gate, Gates } from '../access/gates.js'
import type { RequestAccess } from '../access/request.js'
import type { EventCatalogue } from './catalogue.js'
import type { WebhookOptions } from './delivery.js'
import { listDomainEventsAfter, listDomainEventsBefore, type DomainEventRow } from './domain_event.queries.js'
import { newWebhookSecret } from './signature.js'
import { eventsView, type EventsDatabase, type EventTables } from './tables.js'
import {
  findDeliveriesByIds,
  listDeadDeliveries,
  requeueDeadDeliveries,
  type WebhookDeliveryRow,
} from './webhook_delivery.queries.js'
import {
  deleteWebhookSubscription,
  findWebhookSubscriptionById,
  insertWebhookSubscription,
  listWebhookSubscriptions,
  updateWebhookSubscriptionActive,
} from './webhook_subscription.queries.js'

/*
 * The feed and the webhook administration, written once for the four subgraphs under each one's side-prefixed root
 * fields (`socialEvents`, `createHealthWebhookSubscription`, …). As with the staffing resolvers, their parameters are
 * typed here by hand; each subgraph's resolver map, typed from its own codegen output, checks that they fit.
 */

/** The part of every subgraph's context (`context.events`) that these resolvers use. */
export interface EventsContext {
  db: EventsDatabase
  options: WebhookOptions
}

export function createEventsContext<DB extends EventTables>(db: Kysely<DB>, options: WebhookOptions): EventsContext {
  return { db: eventsView(db), options }
}

interface WithEvents {
  events: EventsContext
  access: RequestAccess
}

/** The most events or deliveries one page may hold. */
export const MAX_EVENTS_PAGE = 500

const POSITION = /^(0|[1-9][0-9]{0,17})$/

/**
 * A position in the feed (`after`, or `before` read backwards): the `seq` of an event, which is also a page's
 * `endCursor`; null when none is given.
 */
function requirePosition(field: 'after' | 'before', position: string | null | undefined) {
  if (position === null || position === undefined || position === '') return null
  if (!POSITION.test(position)) {
    throw badUserInput(field, 'PAGE_CURSOR', 'must be the seq of an event or the endCursor of a previous page')
  }
  return position
}

const MAX_URL_LENGTH = 2000
const MAX_EVENT_TYPES = 50

function requireWebhookUrl(field: string, value: string, allowHttp: boolean) {
  let url: URL | undefined
  try {
    url = new URL(value.trim())
  } catch {
    url = undefined
  }
  const protocols = allowHttp ? ['https:', 'http:'] : ['https:']
  if (
    !url ||
    !protocols.includes(url.protocol) ||
    url.username !== '' ||
    url.password !== '' ||
    value.length > MAX_URL_LENGTH
  ) {
    throw badUserInput(
      field,
      'WEBHOOK_URL',
      `must be an absolute ${protocols.join(' or ')} URL without user or password, at most ${MAX_URL_LENGTH} characters`,
    )
  }
  return url.toString()
}

function requireEventTypes(field: string, types: readonly string[], catalogue: EventCatalogue) {
  if (types.length > MAX_EVENT_TYPES) {
    throw badUserInput(field, 'LIST_TOO_LONG', `must hold at most ${MAX_EVENT_TYPES} types`, { max: MAX_EVENT_TYPES })
  }
  types.forEach((type, index) => {
    if (!Object.hasOwn(catalogue, type)) {
      throw badUserInput(`${field}[${index}]`, 'ONE_OF', `must be one of ${Object.keys(catalogue).join(', ')}`)
    }
  })
  return [...new Set(types)]
}

function requireDescription(value: string) {
  const trimmed = value.trim()
  if (trimmed.length > 500) {
    throw badUserInput('input.description', 'TEXT_TOO_LONG', 'must be at most 500 characters', { max: 500 })
  }
  return trimmed
}

/** Every resolver of the feed and the webhook administration for one side, under that side's field names. */
export function eventResolvers(side: SubgraphName, catalogue: EventCatalogue) {
  const Side = side[0]!.toUpperCase() + side.slice(1)
  const asEvent = (row: DomainEventRow) => ({
    ...row,
    typeLabel: catalogue[row.type] ?? row.type,
    side,
    subject: Object.entries(row.subject).map(([name, id]) => ({ name, id })),
  })
  const asDelivery = (row: WebhookDeliveryRow) => ({ ...row, event: asEvent(row.event) })
  /** A page of `size` events from rows read one further, which tells whether there are more. */
  const pageOf = (rows: readonly DomainEventRow[], size: number, position: string | null) => {
    const page = rows.slice(0, size)
    return { events: page.map(asEvent), endCursor: page.at(-1)?.seq ?? position, hasNextPage: rows.length > size }
  }

  async function requireSubscription(db: EventsDatabase, field: string, id: string) {
    const subscription = await findWebhookSubscriptionById(db, requireUuid(field, id))
    if (!subscription) throw notFound(field, 'webhook subscription', id)
    return subscription
  }

  const Query = {
    [`${side}Events`]: async (
      _parent: unknown,
      { after, first }: { after?: string | null; first?: number | null },
      { events }: WithEvents,
    ) => {
      const position = requirePosition('after', after)
      const size = requireIntegerBetween('first', first ?? 100, 1, MAX_EVENTS_PAGE)
      return pageOf(await listDomainEventsAfter(events.db, position ?? '0', size + 1), size, position)
    },
    // The screen's «Последние события»: the same pages, read from the newest event backwards.
    [`${side}RecentEvents`]: async (
      _parent: unknown,
      { before, first }: { before?: string | null; first?: number | null },
      { events }: WithEvents,
    ) => {
      const position = requirePosition('before', before)
      const size = requireIntegerBetween('first', first ?? 20, 1, MAX_EVENTS_PAGE)
      return pageOf(await listDomainEventsBefore(events.db, position, size + 1), size, position)
    },
    [`${side}EventTypes`]: () => Object.entries(catalogue).map(([code, label]) => ({ code, label })),
    [`${side}WebhookSubscriptions`]: (_parent: unknown, _args: unknown, { events }: WithEvents) =>
      listWebhookSubscriptions(events.db),
    [`${side}WebhookDeadLetters`]: async (
      _parent: unknown,
      { subscriptionId, first }: { subscriptionId?: string | null; first?: number | null },
      { events }: WithEvents,
    ) => {
      const size = requireIntegerBetween('first', first ?? 100, 1, MAX_EVENTS_PAGE)
      const subscription = subscriptionId ? requireUuid('subscriptionId', subscriptionId) : null
      return (await listDeadDeliveries(events.db, subscription, size)).map(asDelivery)
    },
  }

  const Mutation = {
    [`create${Side}WebhookSubscription`]: (
      _parent: unknown,
      { input }: { input: { url: string; eventTypes?: readonly string[] | null; description?: string | null } },
      { events, access }: WithEvents,
    ) => {
      const url = requireWebhookUrl('input.url', input.url, events.options.allowHttp)
      const eventTypes = requireEventTypes('input.eventTypes', input.eventTypes ?? [], catalogue)
      const description = requireDescription(input.description ?? '')
      const secret = newWebhookSecret()
      return events.db.transaction().execute(async (trx) => {
        const id = await insertWebhookSubscription(trx, {
          url,
          secret,
          eventTypes,
          description,
          createdBy: access.viewer.subject,
        })
        return { subscription: await findWebhookSubscriptionById(trx, id), secret }
      })
    },
    [`set${Side}WebhookSubscriptionActive`]: (
      _parent: unknown,
      { id, active }: { id: string; active: boolean },
      { events }: WithEvents,
    ) =>
      events.db.transaction().execute(async (trx) => {
        await requireSubscription(trx, 'id', id)
        await updateWebhookSubscriptionActive(trx, id, active)
        // A subscription turned back on may have deliveries waiting: the wake after this mutation sends them.
        noteOutboxWrite()
        return requireSubscription(trx, 'id', id)
      }),
    [`delete${Side}WebhookSubscription`]: (_parent: unknown, { id }: { id: string }, { events }: WithEvents) =>
      events.db.transaction().execute(async (trx) => {
        await requireSubscription(trx, 'id', id)
        await deleteWebhookSubscription(trx, id)
        return id
      }),
    [`replay${Side}WebhookDeliveries`]: (
      _parent: unknown,
      { ids, subscriptionId }: { ids?: readonly string[] | null; subscriptionId?: string | null },
      { events }: WithEvents,
    ) => {
      const present = (value: unknown) => value !== null && value !== undefined
      if (present(ids) === present(subscriptionId)) {
        throw badUserInput(
          'ids',
          'REPLAY_TARGET',
          'name either the deliveries (ids) or a subscription (subscriptionId)',
        )
      }
      return events.db.transaction().execute(async (trx) => {
        let requeued: string[]
        if (ids) {
          ids.forEach((id, index) => requireUuid(`ids[${index}]`, id))
          requeued = await requeueDeadDeliveries(trx, { ids })
        } else {
          await requireSubscription(trx, 'subscriptionId', subscriptionId!)
          requeued = await requeueDeadDeliveries(trx, { subscriptionId: subscriptionId! })
        }
        if (requeued.length > 0) noteOutboxWrite()
        return (await findDeliveriesByIds(trx, requeued)).map(asDelivery)
      })
    },
  }

  return { Query, Mutation }
}

/**
 * The gates of a side's feed and webhook administration: its own administrators only. Events carry ids, not personal
 * data, but which children changed and when is still the side's to give, and a subscription's address is where they go.
 */
export function eventGates(side: SubgraphName): Gates {
  const { Query, Mutation } = eventResolvers(side, {})
  const administrators: Gate = { only: ['administrator'] }
  return Object.fromEntries([
    ...Object.keys(Query).map((field) => [`Query.${field}`, administrators]),
    ...Object.keys(Mutation).map((field) => [`Mutation.${field}`, administrators]),
  ])
}
