import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../subgraphs/health/src/db/database.js'
import { followChildMerge, type ChildMergeStep } from '@hub/side-contract/child-merge'
import { backends, openTestDatabase, type TestDatabase } from '@hub/testing/databases'
import { insertDiagnosis, insertRiskFactor } from '../../../subgraphs/health/test/support/factories.js'
import { viewers } from '@hub/testing/auth'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRejected, snapshot } from '@hub/testing/writes'
import { healthSubgraph } from '../../../subgraphs/health/test/support/subgraph.js'

const FOLLOW = /* GraphQL */ `
  mutation ($input: FollowChildMergeInput!) {
    followChildMerge(input: $input) {
      movedRecords
    }
  }
`

describe.each(backends)("a subgraph's part in a merge of two records of one child (%s)", (backend) => {
  let database: TestDatabase<DB>

  beforeAll(async () => {
    database = await openTestDatabase<DB>(healthSubgraph, backend)
  })
  afterAll(() => database.close())

  const follow = (step: ChildMergeStep) => database.db.transaction().execute((trx) => followChildMerge(trx, step))
  const childOf = async (table: 'diagnosis' | 'risk_factor', id: string) =>
    (await database.db.selectFrom(table).select('child_id').where('id', '=', id).executeTakeFirstOrThrow()).child_id

  function merge() {
    return { mergeId: randomUUID(), survivorId: randomUUID(), mergedId: randomUUID() }
  }

  it('moves every table’s rows of the merged child, once however often the merge is delivered', async () => {
    const ids = merge()
    const diagnosis = await insertDiagnosis(database.db, ids.mergedId)
    const risk = await insertRiskFactor(database.db, ids.mergedId)
    const unrelated = await insertDiagnosis(database.db, randomUUID())

    expect(await follow({ ...ids, action: 'APPLY' })).toBe(2)
    expect(await follow({ ...ids, action: 'APPLY' })).toBe(0)
    expect(await childOf('diagnosis', diagnosis.id)).toBe(ids.survivorId)
    expect(await childOf('risk_factor', risk.id)).toBe(ids.survivorId)
    expect(await childOf('diagnosis', unrelated.id)).toBe(unrelated.child_id)

    expect(await follow({ ...ids, action: 'UNDO' })).toBe(2)
    expect(await follow({ ...ids, action: 'UNDO' })).toBe(0)
    expect(await childOf('diagnosis', diagnosis.id)).toBe(ids.mergedId)
  })

  it('never applies a merge whose undo arrived first', async () => {
    const ids = merge()
    const diagnosis = await insertDiagnosis(database.db, ids.mergedId)
    expect(await follow({ ...ids, action: 'UNDO' })).toBe(0)
    expect(await follow({ ...ids, action: 'APPLY' })).toBe(0)
    expect(await childOf('diagnosis', diagnosis.id)).toBe(ids.mergedId)
  })

  it('refuses the same merge id for other children and changes nothing', async () => {
    const ids = merge()
    await follow({ ...ids, action: 'APPLY' })
    const before = await snapshot(database.db)
    await expect(follow({ ...ids, survivorId: randomUUID(), action: 'APPLY' })).rejects.toThrow(
      'input.mergeId: this merge was recorded for other children',
    )
    expect(await snapshot(database.db)).toEqual(before)
  })
})

const SOCIAL_SERVICE = viewers.service('social')

describe.each(backends)('the followChildMerge mutation of a side subgraph (%s)', (backend) => {
  let health: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    health = await startSubgraphForTest<DB>(healthSubgraph, backend)
  })
  afterAll(() => health.stop())

  it('answers how many records moved', async () => {
    const ids = { mergeId: randomUUID(), survivorId: randomUUID(), mergedId: randomUUID() }
    await insertDiagnosis(health.db, ids.mergedId)
    const response = await health.query(FOLLOW, { input: { ...ids, action: 'APPLY' } }, SOCIAL_SERVICE)
    expect(response.data).toEqual({ followChildMerge: { movedRecords: 1 } })
  })

  it('rejects a malformed id, naming the field', async () => {
    const before = await snapshot(health.db)
    const response = await health.query(
      FOLLOW,
      { input: { mergeId: randomUUID(), survivorId: 'not-a-uuid', mergedId: randomUUID(), action: 'APPLY' } },
      SOCIAL_SERVICE,
    )
    expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.survivorId' })
    expect(await snapshot(health.db)).toEqual(before)
  })
})
