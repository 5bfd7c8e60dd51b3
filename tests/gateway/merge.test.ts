import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ChildCardDocument,
  MergeChildrenDocument,
  PendingChildMergesDocument,
  UndoChildMergeDocument,
  type ChildCardQuery,
  type MergeChildrenMutation,
  type PendingChildMergesQuery,
  type UndoChildMergeMutation,
} from '../../schema/__generated__/operations.js'
import { startSubgraphServer } from '@hub/subgraph-kit/server'
import { testVerifier } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import * as education from '../../subgraphs/education/test/support/factories.js'
import * as health from '../../subgraphs/health/test/support/factories.js'
import * as ngo from '../../subgraphs/ngo/test/support/factories.js'
import * as social from '../../subgraphs/social/test/support/factories.js'
import { startHub, type Hub } from '../support/hub.js'
import { subgraphs } from '../support/subgraphs.js'
import { daysFromToday } from '@hub/testing/writes'

const BIRTH = daysFromToday(-400)

/** Waits until the given merge's delivery rows satisfy `done`, or fails with what they were. */
async function waitForDeliveries(
  hub: Hub,
  mergeId: string,
  done: (pending: PendingChildMergesQuery['pendingChildMerges'][number] | undefined) => boolean,
) {
  let last: unknown
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await hub.query<PendingChildMergesQuery>(PendingChildMergesDocument)
    const pending = response.data?.pendingChildMerges.find((merge) => merge.id === mergeId)
    if (done(pending)) return pending
    last = pending
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`merge ${mergeId} did not reach the expected delivery state: ${JSON.stringify(last)}`)
}

/** Two registry records of one girl; the second one holds a record on every side. */
async function insertDuplicatePair(hub: Hub) {
  const person = { last_name: 'Орлова', first_name: 'Ксения', birth_date: BIRTH, sex: 'FEMALE' as const }
  const survivor = await social.insertChild(hub.databases.social.db, person)
  const merged = await social.insertChild(hub.databases.social.db, person)
  const provider = await social.insertProvider(hub.databases.social.db, { side: 'NGO' })
  const diagnosis = await health.insertDiagnosis(hub.databases.health.db, merged.id, { icd10_code: 'Q90.0' })
  const pmpk = await education.insertPmpkConclusion(hub.databases.education.db, merged.id)
  const session = await ngo.insertSession(hub.databases.ngo.db, merged.id, provider.id)
  await social.consentForEveryChild(hub.databases.social.db)
  return { survivor, merged, diagnosis, pmpk, session }
}

describe.each(backends)('merging two records of one child across the four subgraphs (%s)', (backend) => {
  let hub: Hub

  beforeAll(async () => {
    hub = await startHub(backend)
  })
  afterAll(() => hub?.stop())

  const card = async (id: string) => {
    const response = await hub.query<ChildCardQuery>(ChildCardDocument, { id })
    expect(response.errors).toBeUndefined()
    return response.data!.child!
  }

  it('re-points every side’s records to the survivor, and an undo returns exactly them', async () => {
    const pair = await insertDuplicatePair(hub)
    const merged = await hub.query<MergeChildrenMutation>(MergeChildrenDocument, {
      input: { survivorId: pair.survivor.id, mergedId: pair.merged.id, reason: 'Одна и та же девочка' },
    })
    expect(merged.errors).toBeUndefined()
    const mergeId = merged.data!.mergeChildren.id

    await waitForDeliveries(hub, mergeId, (pending) => pending === undefined)
    const survivor = await card(pair.survivor.id)
    expect(survivor.health?.diagnoses.map((row) => row.id)).toEqual([pair.diagnosis.id])
    expect(survivor.education?.pmpkConclusions?.map((row) => row.id)).toEqual([pair.pmpk.id])
    expect(survivor.ngo?.sessions.map((row) => row.id)).toEqual([pair.session.id])
    const mergedCard = await card(pair.merged.id)
    expect(mergedCard.mergedInto).toEqual({ id: pair.survivor.id })
    expect(mergedCard.health?.diagnoses).toEqual([])

    // Recorded for the survivor after the merge: stays with it when the merge is undone.
    const later = await health.insertDiagnosis(hub.databases.health.db, pair.survivor.id, { icd10_code: 'G80.1' })
    const undone = await hub.query<UndoChildMergeMutation>(UndoChildMergeDocument, {
      input: { mergeId, reason: 'Ошибочное объединение' },
    })
    expect(undone.errors).toBeUndefined()
    await waitForDeliveries(hub, mergeId, (pending) => pending === undefined)

    const after = await hub.query<{ childMerge: MergeChildrenMutation['mergeChildren'] }>(
      /* GraphQL */ `
        query ($id: ID!) {
          childMerge(id: $id) {
            deliveries {
              side
              action
              movedRecords
              deliveredAt
            }
          }
        }
      `,
      { id: mergeId },
    )
    expect(
      after.data!.childMerge.deliveries.map((row) => [
        row.side,
        row.action,
        row.movedRecords,
        row.deliveredAt !== null,
      ]),
    ).toEqual([
      ['EDUCATION', 'APPLY', 1, true],
      ['HEALTH', 'APPLY', 1, true],
      ['NGO', 'APPLY', 1, true],
      ['EDUCATION', 'UNDO', 1, true],
      ['HEALTH', 'UNDO', 1, true],
      ['NGO', 'UNDO', 1, true],
    ])
    expect((await card(pair.merged.id)).health?.diagnoses.map((row) => row.id)).toEqual([pair.diagnosis.id])
    expect((await card(pair.merged.id)).ngo?.sessions.map((row) => row.id)).toEqual([pair.session.id])
    expect((await card(pair.survivor.id)).health?.diagnoses.map((row) => row.id)).toEqual([later.id])
  })

  it('keeps a merge for a subgraph that is down and delivers it once the subgraph is back', async () => {
    const pair = await insertDuplicatePair(hub)
    const port = Number(new URL(hub.services.ngo.url).port)
    await hub.services.ngo.stop()

    const merged = await hub.query<MergeChildrenMutation>(MergeChildrenDocument, {
      input: { survivorId: pair.survivor.id, mergedId: pair.merged.id, reason: 'Одна и та же девочка' },
    })
    expect(merged.errors).toBeUndefined()
    const mergeId = merged.data!.mergeChildren.id
    // The three sides are tried in no fixed order: wait until the other two are delivered and ngo was tried.
    const pending = await waitForDeliveries(
      hub,
      mergeId,
      (row) =>
        row?.deliveries.filter((delivery) => delivery.deliveredAt !== null).length === 2 &&
        row.deliveries.some((delivery) => delivery.side === 'NGO' && delivery.attempts > 0),
    )
    const ngoDelivery = pending!.deliveries.find((delivery) => delivery.side === 'NGO')!
    expect(ngoDelivery.deliveredAt).toBeNull()
    expect(ngoDelivery.lastError).toMatch(/ECONNREFUSED/)

    hub.services.ngo = await startSubgraphServer(
      subgraphs.ngo.create({ db: hub.databases.ngo.db, grants: hub.grantsFor('ngo') }),
      {
        host: '127.0.0.1',
        port,
        verifier: testVerifier,
        database: hub.databases.ngo.db,
      },
    )
    await waitForDeliveries(hub, mergeId, (row) => row === undefined)
    expect((await card(pair.survivor.id)).ngo?.sessions.map((row) => row.id)).toEqual([pair.session.id])
  })

  it('reports a side whose records of both children clash, and delivers once the clash is resolved', async () => {
    const pair = await insertDuplicatePair(hub)
    const kindergarten = await education.insertKindergarten(hub.databases.education.db)
    for (const child of [pair.survivor, pair.merged]) {
      await education.insertPreschoolApplication(hub.databases.education.db, child.id, {
        kindergarten_id: kindergarten.id,
      })
    }
    const merged = await hub.query<MergeChildrenMutation>(MergeChildrenDocument, {
      input: { survivorId: pair.survivor.id, mergedId: pair.merged.id, reason: 'Одна и та же девочка' },
    })
    const mergeId = merged.data!.mergeChildren.id
    const pending = await waitForDeliveries(hub, mergeId, (row) =>
      Boolean(row?.deliveries.some((delivery) => delivery.side === 'EDUCATION' && delivery.lastError)),
    )
    expect(pending!.deliveries.find((delivery) => delivery.side === 'EDUCATION')!.lastError).toContain(
      'preschool_application',
    )
    // Nothing of education moved: the pmpk conclusion is still the merged record's.
    expect((await card(pair.merged.id)).education?.pmpkConclusions?.map((row) => row.id)).toEqual([pair.pmpk.id])

    await hub.databases.education.db
      .updateTable('preschool_application')
      .set({ status: 'WITHDRAWN', withdrawal_reason: 'OTHER' })
      .where('child_id', '=', pair.merged.id)
      .execute()
    await waitForDeliveries(hub, mergeId, (row) => row === undefined)
    expect((await card(pair.survivor.id)).education?.pmpkConclusions?.map((row) => row.id)).toEqual([pair.pmpk.id])
  })

  it('does not expose the subgraphs’ own merge step through the gateway', async () => {
    const response = await hub.query(/* GraphQL */ `
      mutation {
        followChildMerge(
          input: {
            mergeId: "00000000-0000-4000-8000-000000000001"
            survivorId: "00000000-0000-4000-8000-000000000002"
            mergedId: "00000000-0000-4000-8000-000000000003"
            action: APPLY
          }
        ) {
          movedRecords
        }
      }
    `)
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED')
  })
})
