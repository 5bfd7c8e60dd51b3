import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRejected, snapshot } from '@hub/testing/writes'
import { educationSubgraph } from './support/subgraph.js'

const RECORD_PMPK = /* GraphQL */ `
  mutation ($input: RecordPmpkConclusionInput!) {
    recordPmpkConclusion(input: $input) {
      id
      number
      recommendedProgramme
      recommendedConditions
    }
  }
`
const APPLY = /* GraphQL */ `
  mutation ($input: ApplyForPreschoolInput!) {
    applyForPreschool(input: $input) {
      id
      status
      appliedOn
    }
  }
`

describe.each(backends)('idempotent creating mutations of education (%s)', (backend) => {
  let education: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    education = await startSubgraphForTest<DB>(educationSubgraph, backend)
  })
  afterAll(() => education?.stop())

  const conclusion = () => ({
    childId: randomUUID(),
    number: `ТПМПК-2026/${randomUUID().slice(0, 8)}`,
    commission: 'Территориальная ПМПК г. Верхнекамска',
    concludedOn: '2026-03-12',
    needsSpecialConditions: true,
    recommendedProgramme: 'ADAPTED',
    recommendedConditions: ['Занятия с учителем-логопедом'],
    idempotencyKey: randomUUID(),
  })

  it('answers a retried ПМПК conclusion with the recorded one, where a new request with its number is a CONFLICT', async () => {
    const input = conclusion()
    const first = await education.query<{ recordPmpkConclusion: { id: string } }>(RECORD_PMPK, { input })
    expect(first.errors).toBeUndefined()
    const before = await snapshot(education.db)
    expect(await education.query(RECORD_PMPK, { input })).toEqual(first)
    expect(await snapshot(education.db)).toEqual(before)
    const withoutKey = await education.query(RECORD_PMPK, { input: { ...input, idempotencyKey: null } })
    expect(withoutKey.errors?.[0]?.extensions?.code).toBe('CONFLICT')
  })

  it('answers a retried preschool application with the application in the queue, writing no second one', async () => {
    const input = {
      childId: randomUUID(),
      appliedOn: '2026-05-20',
      desiredStartOn: '2027-09-01',
      idempotencyKey: randomUUID(),
    }
    const first = await education.query(APPLY, { input })
    expect(first.errors).toBeUndefined()
    expect(await education.query(APPLY, { input })).toEqual(first)
    const rows = await education.db
      .selectFrom('preschool_application')
      .select('id')
      .where('child_id', '=', input.childId)
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('checks the conclusion before the key: a rejected input leaves the key free for the corrected one', async () => {
    const input = conclusion()
    const rejected = await education.query(RECORD_PMPK, { input: { ...input, childId: 'child-7' } })
    expectRejected(rejected, { code: 'BAD_USER_INPUT', field: 'input.childId', rule: 'UUID' })
    const accepted = await education.query(RECORD_PMPK, { input })
    expect(accepted.errors).toBeUndefined()
  })

  it('rejects a malformed key naming input.idempotencyKey, writing nothing', async () => {
    const before = await snapshot(education.db)
    const response = await education.query(RECORD_PMPK, { input: { ...conclusion(), idempotencyKey: 'short' } })
    expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.idempotencyKey', rule: '8 to 128 characters' })
    expect(await snapshot(education.db)).toEqual(before)
  })
})
