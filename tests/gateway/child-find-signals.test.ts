import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AcceptChildFindSignalDocument,
  AssessHealthGroupDocument,
  ChildCardDocument,
  SignalQueueDocument,
} from '../../schema/__generated__/operations.js'
import { startSubgraphServer } from '@hub/subgraph-kit/server'
import { createSocialServer } from '../../subgraphs/social/src/server.js'
import { testVerifier, viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import * as social from '../../subgraphs/social/test/support/factories.js'
import { startHub, type Hub } from '../support/hub.js'
import { subgraphs } from '../support/subgraphs.js'
import { daysFromToday } from '@hub/testing/writes'

const HEALTH_SPECIALIST = viewers.specialist('health', 'Детская поликлиника № 3')
const UNDELIVERED = /* GraphQL */ `
  query {
    healthUndeliveredSignals {
      id
      kind
      attempts
      lastError
      refusedAt
    }
  }
`

/** Waits until `check` holds of what `read` returns, or fails with the last value read. */
async function waitFor<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string) {
  let last: T | undefined
  for (let attempt = 0; attempt < 150; attempt++) {
    last = await read()
    if (check(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${what} did not happen: ${JSON.stringify(last)}`)
}

describe.each(backends)('a health record that meets a criterion, as a coordinator’s signal (%s)', (backend) => {
  let hub: Hub

  beforeAll(async () => {
    hub = await startHub(backend)
  })
  afterAll(() => hub?.stop())

  const outbox = () => hub.databases.health.db.selectFrom('signal_outbox').selectAll().execute()
  const signalsAtSocial = () => hub.databases.social.db.selectFrom('child_find_signal').selectAll().execute()

  async function restartSocial(port: number) {
    hub.services.social = await startSubgraphServer(createSocialServer({ db: hub.databases.social.db }), {
      host: '127.0.0.1',
      port,
      verifier: testVerifier,
      database: hub.databases.social.db,
    })
  }

  async function restartHealth(port: number) {
    await hub.services.health.stop()
    hub.services.health = await startSubgraphServer(
      subgraphs.health.create({
        db: hub.databases.health.db,
        grants: hub.grantsFor('health'),
        ...hub.signalsFor('health'),
      }),
      { host: '127.0.0.1', port, verifier: testVerifier, database: hub.databases.health.db },
    )
  }

  it('keeps the signal while social is down, delivers it once social is back, and once only', async () => {
    const child = await social.insertChild(hub.databases.social.db)
    const socialPort = Number(new URL(hub.services.social.url).port)
    await hub.services.social.stop()

    // Health records through the gateway while social cannot be reached: the record and its signal commit.
    const assessed = await hub.run(
      AssessHealthGroupDocument,
      { input: { childId: child.id, group: 'V', assessedOn: daysFromToday(-1) } },
      HEALTH_SPECIALIST,
    )
    const waiting = await waitFor(outbox, (rows) => rows.some((row) => row.attempts > 0), 'a failed delivery')
    expect(waiting).toHaveLength(1)
    expect(waiting[0]).toMatchObject({ source_record_id: assessed.assessHealthGroup.id, delivered_at: null })
    expect(waiting[0]!.last_error).toMatch(/ECONNREFUSED/)

    await restartSocial(socialPort)
    const [delivered] = await waitFor(
      outbox,
      (rows) => rows[0]!.delivered_at !== null,
      'the delivery once social is back',
    )
    const [kept] = await signalsAtSocial()
    expect(await signalsAtSocial()).toHaveLength(1)
    expect(kept).toMatchObject({ id: waiting[0]!.id, child_id: child.id, source: 'HEALTH', kind: 'HEALTH_GROUP_V' })

    // As after a crash between social's confirmation and health's mark: the same signal is sent again.
    await hub.databases.health.db.updateTable('signal_outbox').set({ delivered_at: null }).execute()
    await restartHealth(Number(new URL(hub.services.health.url).port))
    await waitFor(outbox, (rows) => rows[0]!.delivered_at !== null, 'the second delivery')
    expect(await signalsAtSocial()).toHaveLength(1)
    expect((await outbox())[0]!.attempts).toBe(delivered!.attempts + 1)

    // The coordinator sees it in the queue and accepts it: the card shows the criterion with its source.
    const queue = await hub.run(SignalQueueDocument, { first: 50 })
    expect(queue.childFindSignals.edges.map((edge) => [edge.node.id, edge.node.child.id])).toEqual([
      [kept!.id, child.id],
    ])
    const accepted = await hub.run(AcceptChildFindSignalDocument, { input: { signalId: kept!.id } })
    expect(accepted.acceptChildFindSignal.status).toBe('ACCEPTED')
    await social.consentForEveryChild(hub.databases.social.db)
    const card = await hub.run(ChildCardDocument, { id: child.id })
    expect(card.child!.criteria.map((criterion) => [criterion.code, criterion.source])).toEqual([
      ['HEALTH_GROUP_IV_V', 'HEALTH'],
    ])
    expect((await hub.run(SignalQueueDocument, { first: 50 })).childFindSignals.totalCount).toBe(0)
  })

  it('stops sending a signal social refuses for good, and lists it to health’s administrator', async () => {
    const child = await social.insertChild(hub.databases.social.db)
    // A child id social never issued, and a kind health does not send: both refused whatever the number of tries.
    const refusals = [
      { child_id: randomUUID(), kind: 'HEALTH_GROUP_V', proposed_criterion: 'HEALTH_GROUP_IV_V' },
      { child_id: child.id, kind: 'PMPK_SPECIAL_CONDITIONS', proposed_criterion: 'OVZ_PMPK' },
    ]
    const refused = await hub.databases.health.db
      .insertInto('signal_outbox')
      .values(refusals.map((row) => ({ ...row, source_record_id: randomUUID(), recorded_on: daysFromToday(-3) })))
      .returning('id')
      .execute()
    const row = (id: string) =>
      hub.databases.health.db.selectFrom('signal_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const record = () =>
      hub.run(
        AssessHealthGroupDocument,
        { input: { childId: child.id, group: 'IV', assessedOn: daysFromToday(-1) } },
        HEALTH_SPECIALIST,
      )

    // The record after them commits and wakes the delivery: it reaches social, the two are marked refused.
    const after = await record()
    await waitFor(
      () => signalsAtSocial(),
      (rows) => rows.some((signal) => signal.source_record_id === after.assessHealthGroup.id),
      'the delivery of the signal after the refused ones',
    )
    const [unknownChild, otherSide] = await waitFor(
      () => Promise.all(refused.map(({ id }) => row(id))),
      (rows) => rows.every((signal) => signal.refused_at !== null),
      'the refusals',
    )
    expect(unknownChild).toMatchObject({ delivered_at: null, attempts: 1 })
    expect(unknownChild!.last_error).toMatch(/^NOT_FOUND: input\.childId/)
    expect(otherSide).toMatchObject({ delivered_at: null, attempts: 1 })
    expect(otherSide!.last_error).toMatch(/^BAD_USER_INPUT: input\.kind/)

    // Another round delivers the next record and leaves the refused ones as they were.
    const next = await record()
    await waitFor(
      () => signalsAtSocial(),
      (rows) => rows.some((signal) => signal.source_record_id === next.assessHealthGroup.id),
      'the next delivery',
    )
    expect((await Promise.all(refused.map(({ id }) => row(id)))).map((signal) => signal.attempts)).toEqual([1, 1])

    const listed = await hub.query<{ healthUndeliveredSignals: { id: string; refusedAt: string | null }[] }>(
      UNDELIVERED,
      {},
      viewers.administrator('health'),
    )
    expect(listed.errors).toBeUndefined()
    expect(listed.data!.healthUndeliveredSignals.map((signal) => signal.id).sort()).toEqual(
      refused.map(({ id }) => id).sort(),
    )
    expect(listed.data!.healthUndeliveredSignals.every((signal) => signal.refusedAt !== null)).toBe(true)
    for (const as of [viewers.coordinator('health'), viewers.administrator('education')]) {
      const denied = await hub.query(UNDELIVERED, {}, as)
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    }
  })

  it('does not expose social’s receiving mutation through the gateway', async () => {
    const response = await hub.query(/* GraphQL */ `
      mutation {
        receiveChildFindSignal(
          input: {
            id: "00000000-0000-4000-8000-000000000001"
            childId: "00000000-0000-4000-8000-000000000002"
            kind: HEALTH_GROUP_V
            proposedCriterion: HEALTH_GROUP_IV_V
            sourceRecordId: "00000000-0000-4000-8000-000000000003"
            recordedOn: "2026-01-01"
          }
        ) {
          id
        }
      }
    `)
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED')
  })
})
