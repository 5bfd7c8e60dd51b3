import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { freePorts } from '../../scripts/processes.js'
import type { WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import { startSubgraphServer } from '@hub/subgraph-kit/server'
import { type RunningService } from '@hub/platform/service'
import type { DB } from '../../subgraphs/social/src/db/database.js'
import { createSocialServer } from '../../subgraphs/social/src/server.js'
import { authorizationFor, testVerifier, viewers, type TestViewer } from '@hub/testing/auth'
import { backends, openTestDatabase, type TestDatabase } from '@hub/testing/databases'
import { expectCatalogued } from '@hub/testing/error-rules'
import { insertMunicipality, insertProvider, MUNICIPALITY } from '../../subgraphs/social/test/support/factories.js'
import { postGraphQL } from '@hub/testing/graphql'
import { daysFromToday } from '@hub/testing/writes'
import { webhookReceiver, type ReceivedWebhook } from '../support/webhooks.js'
import { socialSubgraph } from '../../subgraphs/social/test/support/subgraph.js'

const SUBSCRIBE = /* GraphQL */ `
  mutation ($input: CreateWebhookSubscriptionInput!) {
    createSocialWebhookSubscription(input: $input) {
      secret
      subscription {
        id
        url
        eventTypes
        active
      }
    }
  }
`
const FEED = /* GraphQL */ `
  query ($after: String, $first: Int) {
    socialEvents(after: $after, first: $first) {
      events {
        id
        seq
        type
        typeLabel
        side
        subject {
          name
          id
        }
      }
      endCursor
      hasNextPage
    }
  }
`
const DEAD_LETTERS = /* GraphQL */ `
  query ($subscriptionId: ID) {
    socialWebhookDeadLetters(subscriptionId: $subscriptionId) {
      id
      status
      attempts
      lastStatus
      event {
        id
        type
      }
    }
  }
`
const REPLAY = /* GraphQL */ `
  mutation ($ids: [ID!]) {
    replaySocialWebhookDeliveries(ids: $ids) {
      id
      status
      attempts
    }
  }
`
const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterChildInput!) {
    registerChild(input: $input) {
      child {
        id
      }
    }
  }
`
const REFER = /* GraphQL */ `
  mutation ($input: ReferChildInput!) {
    referChild(input: $input) {
      id
    }
  }
`

interface Event {
  id: string
  seq: string
  type: string
  typeLabel: string
  side: string
  subject: { name: string; id: string }[]
}
interface Page {
  socialEvents: { events: Event[]; endCursor: string | null; hasNextPage: boolean }
}

/**
 * Short waits, so that a test sees the retries, backoff and the last attempt within seconds; six attempts (about three
 * seconds from the first to the last), so that a receiver started once the first has failed is up before the last on a
 * loaded machine.
 */
const WEBHOOKS: WebhookOptions = { retryMs: 200, retryMaxMs: 800, maxAttempts: 6, timeoutMs: 2_000, allowHttp: true }

const administrator = viewers.administrator('social')
const coordinator = viewers.coordinator('social')
const backend = backends.at(-1)!

describe(`events for ministry systems: signed webhooks and the feed (${backend})`, () => {
  const folder = mkdtempSync(join(tmpdir(), 'webhooks-'))
  let database: TestDatabase<DB>
  let service: RunningService
  let providerId: string
  const receivers: ReturnType<typeof webhookReceiver>[] = []

  const query = async <T>(document: string, variables: Record<string, unknown>, as: TestViewer) =>
    postGraphQL<T>(service.url, document, variables, await authorizationFor(as))

  async function subscribe(url: string, eventTypes: string[] = []) {
    const response = await query<{
      createSocialWebhookSubscription: { secret: string; subscription: { id: string } }
    }>(SUBSCRIBE, { input: { url, eventTypes, description: 'Региональная МИС' } }, administrator)
    expect(response.errors).toBeUndefined()
    return response.data!.createSocialWebhookSubscription
  }

  async function receiverFor(eventTypes: string[] = []) {
    const [port] = (await freePorts(1)) as [number]
    const url = `http://127.0.0.1:${port}/hooks`
    const { secret, subscription } = await subscribe(url, eventTypes)
    const receiver = webhookReceiver({ port, secret, log: join(folder, `${subscription.id}.jsonl`) })
    receivers.push(receiver)
    return { receiver, subscriptionId: subscription.id }
  }

  async function registerChild(lastName: string) {
    const response = await query<{ registerChild: { child: { id: string } } }>(
      REGISTER,
      {
        input: {
          lastName,
          firstName: 'Вера',
          birthDate: daysFromToday(-300),
          sex: 'FEMALE',
          municipality: MUNICIPALITY.oktmo,
        },
      },
      coordinator,
    )
    expect(response.errors).toBeUndefined()
    return response.data!.registerChild.child.id
  }

  async function readFeed(after: string | null = null, first = 100) {
    const response = await query<Page>(FEED, { after, first }, administrator)
    expect(response.errors).toBeUndefined()
    return response.data!.socialEvents
  }

  const delivered = (received: ReceivedWebhook[]) => received.filter((request) => request.answered === 200)

  beforeAll(async () => {
    database = await openTestDatabase<DB>(socialSubgraph, backend)
    await insertMunicipality(database.db)
    providerId = (await insertProvider(database.db, { side: 'SOCIAL', moderation_status: 'APPROVED' })).id
    service = await startSubgraphServer(createSocialServer({ db: database.db, webhooks: WEBHOOKS }), {
      host: '127.0.0.1',
      port: 0,
      verifier: testVerifier,
      database: database.db,
    })
  })
  afterAll(async () => {
    for (const receiver of receivers) await receiver.stop()
    await service?.stop()
    await database?.close()
    rmSync(folder, { recursive: true, force: true })
  })

  it('delivers every event to a subscriber that was down, once it is back: in order, exactly once, signed', async () => {
    const { receiver, subscriptionId } = await receiverFor()
    const children = [await registerChild('Соколова'), await registerChild('Белова')]
    const referral = await query<{ referChild: { id: string } }>(
      REFER,
      {
        input: {
          childId: children[0],
          providerId,
          fromOrganisation: 'ГБУЗ «Детская поликлиника № 1»',
          reason: 'Положительный аудиологический скрининг',
          receivedOn: daysFromToday(-1),
        },
      },
      coordinator,
    )
    expect(referral.errors).toBeUndefined()
    // The receiver is down: the first event has been tried and is waiting for its next attempt.
    await vi.waitFor(
      async () => {
        const { rows } = await sql<{ attempts: number }>`
          select max(attempts)::int as attempts from webhook_delivery where subscription_id = ${subscriptionId}
        `.execute(database.db)
        expect(rows[0]!.attempts).toBeGreaterThan(0)
      },
      { timeout: 20_000, interval: 100 },
    )
    expect(receiver.received()).toEqual([])

    await receiver.start()
    const expected = (await readFeed()).events.map((event) => event.id)
    expect(expected).toHaveLength(3)
    await vi.waitFor(() => expect(delivered(receiver.received()).map((request) => request.eventId)).toEqual(expected), {
      timeout: 30_000,
      interval: 100,
    })

    const received = receiver.received()
    expect(received.every((request) => request.valid)).toBe(true)
    const bodies = received.map((request) => JSON.parse(request.body) as Record<string, unknown>)
    expect(bodies.map((body) => body.type)).toEqual(['child.registered', 'child.registered', 'referral.sent'])
    expect(bodies[2]).toMatchObject({
      side: 'social',
      subject: { referralId: referral.data!.referChild.id, childId: children[0], providerId },
    })
    expect(bodies.map((body) => Number(body.seq))).toEqual([...bodies.map((body) => Number(body.seq))].sort())
    // Ids and what happened only: no name or birth date of the child anywhere in what left the hub.
    for (const request of received) {
      expect(request.body).not.toMatch(/Соколова|Белова|Вера/)
      expect(request.body).not.toContain(daysFromToday(-300))
    }
    await receiver.stop()
  }, 90_000)

  it('makes a delivery a dead letter after its last failed attempt, moves on, and delivers it when replayed', async () => {
    const { receiver, subscriptionId } = await receiverFor(['child.registered'])
    // Three 500s: every attempt at the first event fails, and the second goes through after it.
    await receiver.start({ failFirst: WEBHOOKS.maxAttempts })
    const first = await registerChild('Орлова')
    const second = await registerChild('Лебедева')

    await vi.waitFor(
      () => {
        const subjects = delivered(receiver.received()).map(
          (request) => (JSON.parse(request.body) as { subject: { childId: string } }).subject.childId,
        )
        expect(subjects).toEqual([second])
      },
      { timeout: 30_000, interval: 100 },
    )
    expect(receiver.received().filter((request) => request.answered === 500)).toHaveLength(WEBHOOKS.maxAttempts)

    const dead = await query<{
      socialWebhookDeadLetters: { id: string; status: string; attempts: number; lastStatus: number; event: Event }[]
    }>(DEAD_LETTERS, { subscriptionId }, administrator)
    expect(dead.errors).toBeUndefined()
    expect(dead.data!.socialWebhookDeadLetters).toMatchObject([
      { status: 'DEAD', attempts: WEBHOOKS.maxAttempts, lastStatus: 500, event: { type: 'child.registered' } },
    ])

    const replayed = await query<{ replaySocialWebhookDeliveries: { id: string; status: string }[] }>(
      REPLAY,
      { ids: dead.data!.socialWebhookDeadLetters.map((delivery) => delivery.id) },
      administrator,
    )
    expect(replayed.errors).toBeUndefined()
    expect(replayed.data!.replaySocialWebhookDeliveries).toMatchObject([{ status: 'PENDING' }])
    await vi.waitFor(
      () => {
        const subjects = delivered(receiver.received()).map(
          (request) => (JSON.parse(request.body) as { subject: { childId: string } }).subject.childId,
        )
        expect(subjects).toEqual([second, first])
      },
      { timeout: 30_000, interval: 100 },
    )
    const again = await query<{ socialWebhookDeadLetters: unknown[] }>(DEAD_LETTERS, { subscriptionId }, administrator)
    expect(again.data!.socialWebhookDeadLetters).toEqual([])
    await receiver.stop()
  }, 90_000)

  it('reads the feed after a cursor, in order, so that a reader catches up from the last seq it has', async () => {
    const all = await readFeed()
    expect(all.events.length).toBeGreaterThanOrEqual(5)
    expect(all.events.map((event) => BigInt(event.seq))).toEqual(
      [...all.events.map((event) => BigInt(event.seq))].sort((a, b) => (a < b ? -1 : 1)),
    )
    expect(all.events[0]).toMatchObject({
      side: 'social',
      type: 'child.registered',
      typeLabel: 'Ребёнок внесён в реестр',
    })

    const firstPage = await readFeed(null, 2)
    expect(firstPage.events.map((event) => event.id)).toEqual(all.events.slice(0, 2).map((event) => event.id))
    expect(firstPage.hasNextPage).toBe(true)
    // A reader that last saw the second event reads on from its seq, as a system back from an outage would.
    const rest = await readFeed(firstPage.events[1]!.seq)
    expect(rest.events.map((event) => event.id)).toEqual(all.events.slice(2).map((event) => event.id))
    expect(rest.hasNextPage).toBe(false)
    expect((await readFeed(rest.endCursor)).events).toEqual([])

    const bad = await query<Page>(FEED, { after: 'не позиция' }, administrator)
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'PAGE_CURSOR', field: 'after' })
  })

  it.each([
    ['a coordinator of social', coordinator],
    ['an analyst', viewers.analyst('social')],
    ['an administrator of health', viewers.administrator('health')],
  ])('refuses the feed and the subscriptions to %s', async (_who, viewer) => {
    for (const document of [FEED, DEAD_LETTERS, '{ socialWebhookSubscriptions { id } }']) {
      const response = await query(document, {}, viewer)
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'ROLE_FORBIDDEN' })
    }
    const response = await query(SUBSCRIBE, { input: { url: 'https://mis.example/hooks' } }, viewer)
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'ROLE_FORBIDDEN' })
  })

  it('refuses an address that is not a web address and an event type social does not publish, naming the field', async () => {
    const before = await query<{ socialWebhookSubscriptions: unknown[] }>(
      '{ socialWebhookSubscriptions { id } }',
      {},
      administrator,
    )
    const url = await query(SUBSCRIBE, { input: { url: 'ftp://mis.example/hooks' } }, administrator)
    expect(url.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'WEBHOOK_URL',
      field: 'input.url',
    })
    expectCatalogued(url.errors?.[0])
    const type = await query(
      SUBSCRIBE,
      { input: { url: 'https://mis.example/hooks', eventTypes: ['child.registered', 'health.diagnosis_recorded'] } },
      administrator,
    )
    expect(type.errors?.[0]?.extensions).toMatchObject({ rule: 'ONE_OF', field: 'input.eventTypes[1]' })
    const after = await query<{ socialWebhookSubscriptions: unknown[] }>(
      '{ socialWebhookSubscriptions { id } }',
      {},
      administrator,
    )
    expect(after.data!.socialWebhookSubscriptions).toHaveLength(before.data!.socialWebhookSubscriptions.length)
  })
})
