import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backoffMs } from '@hub/subgraph-kit/events/delivery'
import { recordEvent } from '@hub/subgraph-kit/events/catalogue'
import {
  insertDomainEvent,
  listDomainEventsAfter,
  listDomainEventsBefore,
} from '@hub/subgraph-kit/events/domain_event.queries'
import { signWebhook, verifyWebhook } from '@hub/subgraph-kit/events/signature'
import { insertWebhookSubscription } from '@hub/subgraph-kit/events/webhook_subscription.queries'
import { eventsView } from '@hub/subgraph-kit/events/tables'
import type { DB } from '../../../subgraphs/health/src/db/database.js'
import { backends, openTestDatabase, type TestDatabase } from '@hub/testing/databases'
import { healthSubgraph } from '../../../subgraphs/health/test/support/subgraph.js'

const CHILD = '6f1c4f7e-1d7a-4c55-9a53-2f2f8a1b9c01'

describe.each(backends)('recording domain events (%s)', (backend) => {
  let database: TestDatabase<DB>

  async function counts() {
    const { rows } = await sql<{ events: number; deliveries: number }>`
      select (select count(*)::int from domain_event) as events, (select count(*)::int from webhook_delivery) as deliveries
    `.execute(database.db)
    return rows[0]!
  }

  beforeAll(async () => {
    database = await openTestDatabase<DB>(healthSubgraph, backend)
    const subscription = (eventTypes: string[], description: string) => ({
      url: 'https://mis.example/hooks',
      secret: 'whsec_test',
      eventTypes,
      description,
      createdBy: 'health-administrator',
    })
    const events = eventsView(database.db)
    await insertWebhookSubscription(events, subscription([], 'all'))
    await insertWebhookSubscription(events, subscription(['health.diagnosis_recorded'], 'diagnoses'))
    await insertWebhookSubscription(events, subscription(['session.recorded'], 'sessions'))
    const paused = await insertWebhookSubscription(events, subscription([], 'paused'))
    await events.updateTable('webhook_subscription').set({ active: false }).where('id', '=', paused).execute()
  })
  afterAll(() => database?.close())

  it('queues one pending delivery per active subscription whose filter takes the type', async () => {
    const event = await database.db
      .transaction()
      .execute((trx) => recordEvent(trx, 'health.diagnosis_recorded', { childId: CHILD }))
    const { rows } = await sql<{ description: string; status: string }>`
      select s.description, d.status from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
      where d.event_seq = ${event.seq} order by s.description
    `.execute(database.db)
    expect(rows).toEqual([
      { description: 'all', status: 'PENDING' },
      { description: 'diagnoses', status: 'PENDING' },
    ])
    expect(event.subject).toEqual({ childId: CHILD })
  })

  it('leaves no event and no delivery when the change that recorded it rolls back', async () => {
    const before = await counts()
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordEvent(trx, 'session.recorded', { childId: CHILD })
        throw new Error('the change failed after the event was recorded')
      }),
    ).rejects.toThrow('the change failed')
    expect(await counts()).toEqual(before)
  })

  it('numbers events in the order they commit', async () => {
    const first = await database.db.transaction().execute((trx) => recordEvent(trx, 'session.recorded', {}))
    const second = await database.db.transaction().execute((trx) => recordEvent(trx, 'session.recorded', {}))
    expect(BigInt(second.seq)).toBeGreaterThan(BigInt(first.seq))
    expect(second.id).not.toBe(first.id)
  })

  it('reads the feed in the order of the positions past ten, forwards from a position and backwards from the newest', async () => {
    const events = eventsView(database.db)
    for (let index = 0; index < 12; index += 1) await insertDomainEvent(events, 'session.recorded', {})
    const numbers = (rows: readonly { seq: string }[]) => rows.map((row) => Number(row.seq))
    const all = numbers(await listDomainEventsAfter(events, '0', 100))
    expect(all.length).toBeGreaterThan(12)
    expect(all).toEqual([...all].sort((a, b) => a - b))
    const newest = numbers(await listDomainEventsBefore(events, null, 5))
    expect(newest).toEqual(all.slice(-5).reverse())
    const older = numbers(await listDomainEventsBefore(events, String(newest.at(-1)), 100))
    expect(older).toEqual(all.slice(0, -5).reverse())
  })
})

describe('webhook signatures and backoff', () => {
  const body = '{"id":"1"}'
  const now = 1_800_000_000

  it('verifies a signature made with the secret within the replay window, and nothing else', () => {
    const header = signWebhook('whsec_a', now, body)
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/)
    expect(verifyWebhook('whsec_a', header, body, { now })).toBe(true)
    expect(verifyWebhook('whsec_b', header, body, { now })).toBe(false)
    expect(verifyWebhook('whsec_a', header, '{"id":"2"}', { now })).toBe(false)
    expect(verifyWebhook('whsec_a', header, body, { now: now + 301 })).toBe(false)
    expect(verifyWebhook('whsec_a', undefined, body, { now })).toBe(false)
  })

  it('doubles the wait after every failed attempt up to the cap', () => {
    const options = { retryMs: 1_000, retryMaxMs: 5_000 }
    expect([1, 2, 3, 4, 5].map((attempts) => backoffMs(options, attempts))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000])
  })
})
