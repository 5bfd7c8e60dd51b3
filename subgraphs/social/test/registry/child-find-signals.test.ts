import { randomUUID } from 'node:crypto'
import { print } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AcceptChildFindSignalDocument,
  ChildFindSignalDocument,
  DismissChildFindSignalDocument,
  SignalQueueDocument,
  type AcceptChildFindSignalMutation,
  type ChildFindSignalQuery,
  type SignalQueueQuery,
} from '@hub/schema/operations'
import type { DB } from '../../src/db/database.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { insertChild, insertCriterion } from '../support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRefusedWithoutWriting, expectRejected } from '@hub/testing/writes'
import { socialSubgraph } from '../support/subgraph.js'

const RECEIVE = /* GraphQL */ `
  mutation ($input: ReceiveChildFindSignalInput!) {
    receiveChildFindSignal(input: $input) {
      id
    }
  }
`
const ACCEPT = print(AcceptChildFindSignalDocument)
const DISMISS = print(DismissChildFindSignalDocument)
const ON = daysFromToday(-2)

describe.each(backends)('child-find signals received and decided by social (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
  })
  afterAll(() => social?.stop())

  const signal = (childId: string, overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    childId,
    kind: 'HEALTH_GROUP_V',
    proposedCriterion: 'HEALTH_GROUP_IV_V',
    sourceRecordId: randomUUID(),
    recordedOn: ON,
    ...overrides,
  })
  const signalsOf = (childId: string) =>
    social.db.selectFrom('child_find_signal').selectAll().where('child_id', '=', childId).execute()
  const criteriaOf = (childId: string) =>
    social.db.selectFrom('child_criterion').selectAll().where('child_id', '=', childId).execute()

  async function received(input: ReturnType<typeof signal>, side: 'health' | 'education' = 'health') {
    const response = await social.query<{ receiveChildFindSignal: { id: string } }>(
      RECEIVE,
      { input },
      viewers.service(side),
    )
    expect(response.errors).toBeUndefined()
    return response.data!.receiveChildFindSignal.id
  }

  it('keeps a signal once, from the side whose token sent it, however often it is delivered', async () => {
    const child = await insertChild(social.db)
    const input = signal(child.id)
    expect(await received(input)).toBe(input.id)
    expect(await received(input)).toBe(input.id)

    const kept = await signalsOf(child.id)
    expect(kept).toHaveLength(1)
    expect(kept[0]).toMatchObject({ id: input.id, source: 'HEALTH', kind: 'HEALTH_GROUP_V', status: 'NEW' })
  })

  it('takes signals only from the health and education services, each of its own kinds', async () => {
    const child = await insertChild(social.db)
    for (const as of [viewers.service('ngo'), viewers.coordinator('health')]) {
      const response = await social.query(RECEIVE, { input: signal(child.id) }, as)
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    }
    await expectRefusedWithoutWriting(
      social.db,
      () => social.query(RECEIVE, { input: signal(child.id) }, viewers.service('education')),
      { code: 'BAD_USER_INPUT', field: 'input.kind' },
    )
    await expectRefusedWithoutWriting(
      social.db,
      () =>
        social.query(
          RECEIVE,
          { input: signal(child.id, { kind: 'PMPK_SPECIAL_CONDITIONS', proposedCriterion: 'DISABLED_CHILD' }) },
          viewers.service('education'),
        ),
      { code: 'BAD_USER_INPUT', field: 'input.proposedCriterion' },
    )
    await expectRefusedWithoutWriting(
      social.db,
      () => social.query(RECEIVE, { input: signal(randomUUID()) }, viewers.service('health')),
      { code: 'NOT_FOUND', field: 'input.childId' },
    )
    expect(
      await received(signal(child.id, { kind: 'PMPK_SPECIAL_CONDITIONS', proposedCriterion: 'OVZ_PMPK' }), 'education'),
    ).toBeTruthy()
    expect((await signalsOf(child.id)).map((row) => row.source)).toEqual(['EDUCATION'])
  })

  it('shows the coordinators the queue with the handling clock, and no one else', async () => {
    const child = await insertChild(social.db)
    const id = await received(signal(child.id))
    const queue = await social.query<SignalQueueQuery>(print(SignalQueueDocument), { first: 1000 })
    expect(queue.errors).toBeUndefined()
    const row = queue.data!.childFindSignals.edges.find((edge) => edge.node.id === id)!.node
    expect(row).toMatchObject({
      source: 'HEALTH',
      kind: 'HEALTH_GROUP_V',
      proposedCriterion: 'HEALTH_GROUP_IV_V',
      recordedOn: ON,
      status: 'NEW',
      child: { id: child.id },
      criterion: null,
    })
    expect(row.clock).toMatchObject({ code: 'SIGNAL_HANDLING', status: 'RUNNING', completedOn: null })
    expect(row.clock!.dueOn > row.clock!.startedOn).toBe(true)

    for (const as of [
      viewers.analyst('social'),
      viewers.specialist('health'),
      viewers.coordinator('ngo', randomUUID()),
    ]) {
      const refused = await social.query(print(SignalQueueDocument), { first: 10 }, as)
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    }
  })

  it('answers a page of signals in one statement per table, and audits each child it shows', async () => {
    const children = [await insertChild(social.db), await insertChild(social.db), await insertChild(social.db)]
    for (const child of children) await received(signal(child.id))
    social.statements.length = 0
    const queue = await social.query<SignalQueueQuery>(print(SignalQueueDocument), { first: 1000 })
    expect(queue.errors).toBeUndefined()
    const reading = (table: string) =>
      social.statements.filter((statement) => new RegExp(`from "${table}"`).test(statement)).length
    expect(reading('child_find_signal')).toBe(1)
    expect(reading('child')).toBe(1)
    expect(reading('deadline_clock')).toBe(1)
    for (const child of children) {
      await expect
        .poll(async () =>
          (
            await social.db.selectFrom('access_audit').select('categories').where('child_id', '=', child.id).execute()
          ).some((row) => (row.categories as string[]).includes('criteria')),
        )
        .toBe(true)
    }
  })

  it('accepts a signal into the proposed criterion with its source, once', async () => {
    const child = await insertChild(social.db)
    const id = await received(signal(child.id))
    const accepted = await social.query<AcceptChildFindSignalMutation>(ACCEPT, { input: { signalId: id } })
    expect(accepted.errors).toBeUndefined()
    const decided = accepted.data!.acceptChildFindSignal
    expect(decided).toMatchObject({ status: 'ACCEPTED', clock: { status: 'MET' } })
    expect(decided.criterion).toMatchObject({ code: 'HEALTH_GROUP_IV_V', source: 'HEALTH', validFrom: ON })
    // What a coordinator reads on the card: the side, what was recorded and when; the record's id stays on the signal.
    expect(decided.criterion!.evidenceDocument).toBe('Сигнал выявления: здравоохранение, установлена V группа здоровья')
    expect((await criteriaOf(child.id)).map((row) => row.evidence_date)).toEqual([ON])

    await expectRefusedWithoutWriting(social.db, () => social.query(ACCEPT, { input: { signalId: id } }), {
      code: 'CONFLICT',
      field: 'input.signalId',
    })
    expect(await criteriaOf(child.id)).toHaveLength(1)
  })

  it('names in the evidence of an accepted signal the kind of record, never the diagnosis', async () => {
    const child = await insertChild(social.db)
    const pmpk = await received(
      signal(child.id, { kind: 'PMPK_SPECIAL_CONDITIONS', proposedCriterion: 'OVZ_PMPK' }),
      'education',
    )
    const diagnosis = await received(
      signal(child.id, { kind: 'LISTED_DIAGNOSIS', proposedCriterion: 'DEVELOPMENTAL_PARTICULARITY' }),
    )
    const evidence = []
    for (const signalId of [pmpk, diagnosis]) {
      const accepted = await social.query<AcceptChildFindSignalMutation>(ACCEPT, { input: { signalId } })
      expect(accepted.errors).toBeUndefined()
      evidence.push(accepted.data!.acceptChildFindSignal.criterion!.evidenceDocument)
    }
    expect(evidence).toEqual([
      'Сигнал выявления: образование, заключение ПМПК с рекомендацией специальных условий',
      'Сигнал выявления: здравоохранение, установлен диагноз из регионального перечня МКБ-10',
    ])
  })

  it('accepts a signal whose criterion the child already holds without a second one', async () => {
    const child = await insertChild(social.db)
    const held = await insertCriterion(social.db, child.id, { code: 'HEALTH_GROUP_IV_V' })
    const id = await received(signal(child.id))
    const accepted = await social.query<AcceptChildFindSignalMutation>(ACCEPT, { input: { signalId: id } })
    expect(accepted.errors).toBeUndefined()
    expect(accepted.data!.acceptChildFindSignal.criterion?.id).toBe(held.id)
    expect(await criteriaOf(child.id)).toHaveLength(1)
  })

  it('dismisses a signal only with a reason, and then no criterion is set', async () => {
    const child = await insertChild(social.db)
    const id = await received(signal(child.id))
    await expectRefusedWithoutWriting(
      social.db,
      () => social.query(DISMISS, { input: { signalId: id, reason: '  ' } }),
      {
        code: 'BAD_USER_INPUT',
        field: 'input.reason',
      },
    )
    const dismissed = await social.query<{ dismissChildFindSignal: ChildFindSignalQuery['childFindSignal'] }>(DISMISS, {
      input: { signalId: id, reason: 'Группа здоровья пересмотрена' },
    })
    expect(dismissed.errors).toBeUndefined()
    expect(dismissed.data!.dismissChildFindSignal).toMatchObject({
      status: 'DISMISSED',
      dismissReason: 'Группа здоровья пересмотрена',
      criterion: null,
    })
    expect(await criteriaOf(child.id)).toEqual([])
    expectRejected(await social.query(ACCEPT, { input: { signalId: id } }), {
      code: 'CONFLICT',
      field: 'input.signalId',
    })
  })

  it('finds one signal by id for its decision page, and none for an unknown id', async () => {
    const child = await insertChild(social.db)
    const id = await received(signal(child.id))
    const found = await social.query<ChildFindSignalQuery>(print(ChildFindSignalDocument), { id })
    expect(found.data!.childFindSignal?.id).toBe(id)
    const missing = await social.query<ChildFindSignalQuery>(print(ChildFindSignalDocument), { id: randomUUID() })
    expect(missing.errors).toBeUndefined()
    expect(missing.data!.childFindSignal).toBeNull()
  })
})
