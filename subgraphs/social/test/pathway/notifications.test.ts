import { print } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AcceptChildFindSignalDocument } from '@hub/schema/operations'
import type { DB } from '../../src/db/database.js'
import { runNotificationRound } from '../../src/modules/pathway/services/notification-scheduler.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { at, NOTIFY } from '../support/notifications.js'
import {
  consentForEveryChild,
  insertChild,
  insertChildFindSignal,
  insertProgramme,
  insertProvider,
  insertReferral,
} from '../support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRefusedWithoutWriting } from '@hub/testing/writes'
import { socialSubgraph } from '../support/subgraph.js'

const NOTIFICATIONS = /* GraphQL */ `
  query ($unreadOnly: Boolean, $first: Int, $after: String) {
    myNotifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
      totalCount
      items {
        id
        kind
        clock
        dueOn
        link
        read
        child {
          id
        }
        provider {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    unreadNotificationCount
  }
`
const MARK = /* GraphQL */ `
  mutation ($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      marked
      unreadCount
    }
  }
`
const SETTINGS = /* GraphQL */ `
  mutation ($input: NotificationSettingsInput!) {
    updateNotificationSettings(input: $input) {
      email
      digest
      saved
    }
  }
`

interface Item {
  id: string
  kind: string
  clock: string
  dueOn: string
  link: string
  read: boolean
  child: { id: string }
  provider: { id: string } | null
  /** Asked for by the tests that read it. */
  title?: string
}
interface Listing {
  myNotifications: { totalCount: number; items: Item[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
  unreadNotificationCount: number
}

describe.each(backends)('deadline notifications (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let ours: { id: string }
  let theirs: { id: string }
  let ourReferral: { id: string; child_id: string }
  let theirReferral: { id: string }
  let review: { id: string; childId: string }

  const rowsOf = (itemId: string) =>
    social.db
      .selectFrom('deadline_notification')
      .select(['crossing', 'clock', 'due_on', 'provider_id'])
      .where('item_id', '=', itemId)
      .orderBy('created_at')
      .execute()
  const ourStaff = () => viewers.specialist('ngo', ours.id)

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    ours = await insertProvider(social.db)
    theirs = await insertProvider(social.db)
    // Received on Tuesday 1 December: ten working days to the need determination end on Tuesday 15 December.
    ourReferral = await insertReferral(social.db, (await insertChild(social.db)).id, ours.id, {
      received_on: '2026-12-01',
    })
    theirReferral = await insertReferral(social.db, (await insertChild(social.db)).id, theirs.id, {
      received_on: '2026-12-01',
      status: 'ACCEPTED',
      decided_on: '2026-12-02',
    })
    // A programme signed on 12 June is reviewed every 180 days: by 9 December.
    const child = await insertChild(social.db)
    await insertReferral(social.db, child.id, ours.id, {
      received_on: '2026-05-20',
      status: 'ACCEPTED',
      decided_on: '2026-05-21',
      need_determined_on: '2026-06-01',
      need_outcome: 'IN_NEED',
      programme_signed_on: '2026-06-12',
    })
    const { programme } = await insertProgramme(social.db, child.id, ours.id, { signed_on: '2026-06-12' })
    review = { id: programme.id, childId: child.id }
    // A non-state provider's staff read a child referred to it with the family's consent for it.
    await consentForEveryChild(social.db, { recipient_side: null, recipient_provider_id: ours.id })
  })

  afterAll(() => social?.stop())

  it('notifies nothing while a due date is further away than the configured days', async () => {
    await runNotificationRound(social.db, NOTIFY, null, at('2026-12-11'))
    expect(await rowsOf(ourReferral.id)).toEqual([])
  })

  it('writes exactly one DUE_SOON notification when a clock moves into the window, and nothing on the next sweeps', async () => {
    const first = await runNotificationRound(social.db, NOTIFY, null, at('2026-12-12'))
    expect(first.created).toBeGreaterThanOrEqual(2)
    expect(await rowsOf(ourReferral.id)).toEqual([
      { crossing: 'DUE_SOON', clock: 'REFERRAL_TO_NEED_DETERMINATION', due_on: '2026-12-15', provider_id: ours.id },
    ])
    const again = await runNotificationRound(social.db, NOTIFY, null, at('2026-12-12', '15:00'))
    expect(again.created).toBe(0)
    await runNotificationRound(social.db, NOTIFY, null, at('2026-12-14'))
    expect(await rowsOf(ourReferral.id)).toHaveLength(1)
  })

  it('writes exactly one BREACHED notification once the due day has passed', async () => {
    await runNotificationRound(social.db, NOTIFY, null, at('2026-12-16'))
    await runNotificationRound(social.db, NOTIFY, null, at('2026-12-17'))
    expect((await rowsOf(ourReferral.id)).map((row) => row.crossing)).toEqual(['DUE_SOON', 'BREACHED'])
    expect((await rowsOf(review.id)).map((row) => [row.clock, row.crossing])).toEqual([
      ['PROGRAMME_REVIEW', 'BREACHED'],
    ])
  })

  it("shows a provider's staff only their organisation's notifications, and the coordinators every one", async () => {
    const own = await social.query<Listing>(NOTIFICATIONS, {}, ourStaff())
    const providers = new Set(own.data?.myNotifications.items.map((item) => item.provider?.id))
    expect([...providers]).toEqual([ours.id])
    expect(own.data?.myNotifications.items.map((item) => item.child.id)).toContain(ourReferral.child_id)
    const all = await social.query<Listing>(NOTIFICATIONS)
    expect(new Set(all.data?.myNotifications.items.map((item) => item.provider?.id))).toEqual(
      new Set([ours.id, theirs.id]),
    )
    const refused = await social.query(NOTIFICATIONS, {}, viewers.analyst('regional'))
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })

  it('leads each notification to the form that does the work', async () => {
    const { data } = await social.query<Listing>(NOTIFICATIONS)
    const links = new Map(data!.myNotifications.items.map((item) => [`${item.clock}:${item.child.id}`, item.link]))
    expect(links.get(`REFERRAL_TO_NEED_DETERMINATION:${ourReferral.child_id}`)).toBe(
      `/dashboard/referrals/${ourReferral.id}/decision`,
    )
    expect(links.get(`PROGRAMME_REVIEW:${review.childId}`)).toBe(
      `/dashboard/children/${review.childId}/programmes/${review.id}/review`,
    )
    expect([...links.values()]).toContain(`/dashboard/referrals/${theirReferral.id}/need`)
  })

  it('counts unread notifications per user and marks them read for that user only', async () => {
    const before = await social.query<Listing>(NOTIFICATIONS, { unreadOnly: true }, ourStaff())
    const unread = before.data!.unreadNotificationCount
    expect(unread).toBe(before.data!.myNotifications.totalCount)
    const [first] = before.data!.myNotifications.items
    const marked = await social.query<{ markNotificationsRead: { marked: number; unreadCount: number } }>(
      MARK,
      { input: { ids: [first!.id] } },
      ourStaff(),
    )
    expect(marked.data?.markNotificationsRead).toEqual({ marked: 1, unreadCount: unread - 1 })
    const coordinator = await social.query<Listing>(NOTIFICATIONS)
    expect(coordinator.data?.myNotifications.items.find((item) => item.id === first!.id)?.read).toBe(false)

    // Another provider's notification is not theirs to mark.
    const foreign = coordinator.data!.myNotifications.items.find((item) => item.provider?.id === theirs.id)!
    const none = await social.query<{ markNotificationsRead: { marked: number } }>(
      MARK,
      { input: { ids: [foreign.id] } },
      ourStaff(),
    )
    expect(none.data?.markNotificationsRead.marked).toBe(0)

    const rest = await social.query<{ markNotificationsRead: { marked: number; unreadCount: number } }>(
      MARK,
      { input: { all: true } },
      ourStaff(),
    )
    expect(rest.data?.markNotificationsRead).toEqual({ marked: unread - 1, unreadCount: 0 })
    const after = await social.query<Listing>(NOTIFICATIONS, {}, ourStaff())
    expect(after.data?.myNotifications.items.every((item) => item.read)).toBe(true)
  })

  it('pages the list with the cursor of the page before', async () => {
    const first = await social.query<Listing>(NOTIFICATIONS, { first: 1 })
    expect(first.data?.myNotifications.pageInfo.hasNextPage).toBe(true)
    const second = await social.query<Listing>(NOTIFICATIONS, {
      first: 1,
      after: first.data?.myNotifications.pageInfo.endCursor,
    })
    expect(second.data?.myNotifications.items[0]?.id).not.toBe(first.data?.myNotifications.items[0]?.id)
    const bad = await social.query(NOTIFICATIONS, { after: 'не курсор' })
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' })
  })

  it('writes each child a notification names to the access audit', async () => {
    await social.query(NOTIFICATIONS, {}, ourStaff())
    const audit = await social.db
      .selectFrom('access_audit')
      .select(['categories'])
      .where('child_id', '=', ourReferral.child_id)
      .execute()
    expect(audit.some((row) => (row.categories as string[]).includes('programme'))).toBe(true)
  })

  it('notifies the coordination once as a new signal’s handling runs out and once after, and stops once it is decided', async () => {
    // Received on Monday 14 December: five working days to a decision end on Monday 21 December.
    const received = { received_at: at('2026-12-14') }
    const waiting = await insertChildFindSignal(social.db, (await insertChild(social.db)).id, received)
    const decided = await insertChildFindSignal(social.db, (await insertChild(social.db)).id, received)

    await runNotificationRound(social.db, NOTIFY, null, at('2026-12-17'))
    expect(await rowsOf(waiting.id)).toEqual([])
    await runNotificationRound(social.db, NOTIFY, null, at('2026-12-18'))
    await runNotificationRound(social.db, NOTIFY, null, at('2026-12-18', '15:00'))
    for (const signal of [waiting, decided]) {
      expect(await rowsOf(signal.id)).toEqual([
        { crossing: 'DUE_SOON', clock: 'SIGNAL_HANDLING', due_on: '2026-12-21', provider_id: null },
      ])
    }

    const accepted = await social.query(print(AcceptChildFindSignalDocument), { input: { signalId: decided.id } })
    expect(accepted.errors).toBeUndefined()
    await runNotificationRound(social.db, NOTIFY, null, at('2026-12-22'))
    await runNotificationRound(social.db, NOTIFY, null, at('2026-12-23'))
    expect((await rowsOf(waiting.id)).map((row) => row.crossing)).toEqual(['DUE_SOON', 'BREACHED'])
    expect((await rowsOf(decided.id)).map((row) => row.crossing)).toEqual(['DUE_SOON'])

    // The coordinators see it, titled and leading to the signal's decision; a provider's staff do not.
    const { data } = await social.query<Listing>(NOTIFICATIONS.replace('dueOn', 'dueOn title'), { first: 100 })
    const listed = data!.myNotifications.items.filter((item) => item.link === `/dashboard/signals/${waiting.id}`)
    expect(listed.map((item) => [item.kind, item.clock, item.title, item.provider, item.child.id])).toEqual([
      ['BREACHED', 'SIGNAL_HANDLING', 'Рассмотрение сигнала выявления', null, waiting.child_id],
      ['DUE_SOON', 'SIGNAL_HANDLING', 'Рассмотрение сигнала выявления', null, waiting.child_id],
    ])
    const own = await social.query<Listing>(NOTIFICATIONS, { first: 100 }, ourStaff())
    expect(own.data!.myNotifications.items.filter((item) => item.clock === 'SIGNAL_HANDLING')).toEqual([])
  })

  it('refuses an address that is not one, or a digest without an address, and writes nothing', async () => {
    await expectRefusedWithoutWriting(
      social.db,
      () => social.query(SETTINGS, { input: { email: 'орлова на почте', digest: true } }),
      { code: 'BAD_USER_INPUT', field: 'input.email', rule: 'e-mail address' },
    )
    await expectRefusedWithoutWriting(social.db, () => social.query(SETTINGS, { input: { digest: true } }), {
      code: 'BAD_USER_INPUT',
      field: 'input.email',
    })
    const saved = await social.query<{ updateNotificationSettings: object }>(SETTINGS, {
      input: { email: ' Orlova@Region.RU ', digest: true },
    })
    expect(saved.data?.updateNotificationSettings).toEqual({ email: 'Orlova@region.ru', digest: true, saved: true })
  })
})
