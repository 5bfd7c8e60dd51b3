import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRefusedWithoutWriting } from '@hub/testing/writes'
import { educationSubgraph } from './support/subgraph.js'

const RECORD = /* GraphQL */ `
  mutation ($input: RecordPmpkConclusionInput!) {
    recordPmpkConclusion(input: $input) {
      id
    }
  }
`

describe.each(backends)('child-find signals of ПМПК conclusions (%s)', (backend) => {
  let education: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    education = await startSubgraphForTest<DB>(educationSubgraph, backend)
  })
  afterAll(() => education?.stop())

  let serial = 0
  const conclusion = (childId: string, needsSpecialConditions: boolean) => ({
    childId,
    number: `ТПМПК-С-2026/${++serial}`,
    commission: 'Территориальная ПМПК г. Верхнекамска',
    concludedOn: '2026-03-12',
    needsSpecialConditions,
    recommendedProgramme: needsSpecialConditions ? 'ADAPTED' : 'GENERAL',
    recommendedConditions: needsSpecialConditions ? ['Занятия с учителем-логопедом'] : [],
  })
  const outboxOf = (childId: string) =>
    education.db.selectFrom('signal_outbox').selectAll().where('child_id', '=', childId).execute()

  it('writes one signal proposing OVZ_PMPK for a conclusion with special conditions, none for one without', async () => {
    const childId = randomUUID()
    const special = await education.query<{ recordPmpkConclusion: { id: string } }>(RECORD, {
      input: conclusion(childId, true),
    })
    expect(special.errors).toBeUndefined()
    const general = await education.query(RECORD, { input: conclusion(childId, false) })
    expect(general.errors).toBeUndefined()

    const outbox = await outboxOf(childId)
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({
      kind: 'PMPK_SPECIAL_CONDITIONS',
      proposed_criterion: 'OVZ_PMPK',
      source_record_id: special.data!.recordPmpkConclusion.id,
      recorded_on: '2026-03-12',
      delivered_at: null,
    })
  })

  it('writes no signal for a conclusion refused as already recorded', async () => {
    const childId = randomUUID()
    const input = conclusion(childId, true)
    expect((await education.query(RECORD, { input })).errors).toBeUndefined()
    await expectRefusedWithoutWriting(
      education.db,
      () => education.query(RECORD, { input: { ...input, childId: randomUUID() } }),
      { code: 'CONFLICT', field: 'input.number' },
    )
    expect(await outboxOf(childId)).toHaveLength(1)
  })
})
