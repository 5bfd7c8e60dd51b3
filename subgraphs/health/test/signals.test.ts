import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError } from '@hub/platform/variables'
import { createSignalDelivery } from '@hub/side-contract/signals/delivery'
import { DEFAULT_SIGNAL_ICD10, loadConfig, parseSignalIcd10 } from '../src/config.js'
import type { DB } from '../src/db/database.js'
import { testCredentials } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRefusedWithoutWriting, FUTURE } from '@hub/testing/writes'
import { healthSubgraph } from './support/subgraph.js'

const ASSESS_HEALTH_GROUP = /* GraphQL */ `
  mutation ($input: AssessHealthGroupInput!) {
    assessHealthGroup(input: $input) {
      id
    }
  }
`
const RECORD_DIAGNOSIS = /* GraphQL */ `
  mutation ($input: RecordDiagnosisInput!) {
    recordDiagnosis(input: $input) {
      id
    }
  }
`
const RECORD_DETECTION_EVENT = /* GraphQL */ `
  mutation ($input: RecordDetectionEventInput!) {
    recordDetectionEvent(input: $input) {
      id
    }
  }
`

const ON = daysFromToday(-3)

describe.each(backends)('child-find signals of health records (%s)', (backend) => {
  let health: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    health = await startSubgraphForTest<DB>(healthSubgraph, backend)
  })
  afterAll(() => health?.stop())

  const outboxOf = (childId: string) =>
    health.db.selectFrom('signal_outbox').selectAll().where('child_id', '=', childId).execute()

  async function recorded(document: string, input: Record<string, unknown>, field: string) {
    const response = await health.query<Record<string, { id: string }>>(document, { input })
    expect(response.errors).toBeUndefined()
    return response.data![field]!.id
  }

  it('writes one signal proposing HEALTH_GROUP_IV_V for a health group V, and none for a group III', async () => {
    const childId = randomUUID()
    const id = await recorded(ASSESS_HEALTH_GROUP, { childId, group: 'V', assessedOn: ON }, 'assessHealthGroup')
    await recorded(ASSESS_HEALTH_GROUP, { childId, group: 'III', assessedOn: ON }, 'assessHealthGroup')

    const outbox = await outboxOf(childId)
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({
      kind: 'HEALTH_GROUP_V',
      proposed_criterion: 'HEALTH_GROUP_IV_V',
      source_record_id: id,
      recorded_on: ON,
      delivered_at: null,
      attempts: 0,
    })
  })

  it('writes a signal for a diagnosis of the region’s list without the diagnosis itself, and none for another', async () => {
    const childId = randomUUID()
    const id = await recorded(
      RECORD_DIAGNOSIS,
      { childId, icd10: 'G80.1', diagnosedOn: ON, primary: true },
      'recordDiagnosis',
    )
    await recorded(RECORD_DIAGNOSIS, { childId, icd10: 'Q21.0', diagnosedOn: ON, primary: false }, 'recordDiagnosis')

    const outbox = await outboxOf(childId)
    expect(outbox.map((row) => [row.kind, row.proposed_criterion, row.source_record_id])).toEqual([
      ['LISTED_DIAGNOSIS', 'DEVELOPMENTAL_PARTICULARITY', id],
    ])
    expect(JSON.stringify(outbox)).not.toMatch(/G80/)
  })

  it('writes a signal for a confirmed screening only, not for a positive result awaiting its retest', async () => {
    const childId = randomUUID()
    const screening = { childId, occurredOn: ON, organisation: 'Краевой перинатальный центр' }
    await recorded(
      RECORD_DETECTION_EVENT,
      { ...screening, kind: 'AUDIOLOGY_SCREENING', result: 'POSITIVE' },
      'recordDetectionEvent',
    )
    const id = await recorded(
      RECORD_DETECTION_EVENT,
      { ...screening, kind: 'AUDIOLOGY_SCREENING', result: 'CONFIRMED' },
      'recordDetectionEvent',
    )

    const outbox = await outboxOf(childId)
    expect(outbox.map((row) => [row.kind, row.proposed_criterion, row.source_record_id])).toEqual([
      ['AUDIOLOGY_SCREENING_CONFIRMED', 'SCREENING_POSITIVE', id],
    ])
  })

  it('writes no signal when the record itself is refused', async () => {
    const childId = randomUUID()
    await expectRefusedWithoutWriting(
      health.db,
      () => health.query(ASSESS_HEALTH_GROUP, { input: { childId, group: 'IV', assessedOn: FUTURE } }),
      { code: 'BAD_USER_INPUT', field: 'input.assessedOn' },
    )
    await expectRefusedWithoutWriting(
      health.db,
      () => health.query(RECORD_DIAGNOSIS, { input: { childId, icd10: 'G80.9', diagnosedOn: ON, primary: true } }),
      { code: 'BAD_USER_INPUT', field: 'input.icd10' },
    )
    expect(await outboxOf(childId)).toEqual([])
  })

  it('keeps retrying a signal social answers with UNAVAILABLE, and refuses for good only what social refuses', async () => {
    // A real HTTP receiver in social's place: it answers as social does when its database is away.
    let answers = 0
    const receiver: Server = createServer((request, response) => {
      request.resume()
      request.on('end', () => {
        answers++
        response.writeHead(503, { 'content-type': 'application/json' })
        response.end(
          JSON.stringify({
            errors: [{ message: 'the social database is unavailable', extensions: { code: 'UNAVAILABLE' } }],
          }),
        )
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/graphql`
    const delivery = createSignalDelivery(
      health.db,
      { url, retryMs: 60_000, timeoutMs: 2_000 },
      testCredentials('health'),
    )
    try {
      const childId = randomUUID()
      await recorded(ASSESS_HEALTH_GROUP, { childId, group: 'V', assessedOn: ON }, 'assessHealthGroup')
      delivery.wake()
      await expect.poll(async () => (await outboxOf(childId))[0]?.attempts, { timeout: 10_000 }).toBe(1)
      const [waiting] = await outboxOf(childId)
      expect(waiting).toMatchObject({ delivered_at: null, refused_at: null })
      expect(waiting!.last_error).toMatch(/^UNAVAILABLE: /)
      expect(answers).toBeGreaterThan(0)
    } finally {
      await delivery.stop()
      await new Promise((resolve) => receiver.close(resolve))
    }
  })

  it('writes the signal once for a record sent again with the same idempotency key', async () => {
    const childId = randomUUID()
    const input = { childId, group: 'IV', assessedOn: ON, idempotencyKey: `signal-${childId}` }
    const first = await recorded(ASSESS_HEALTH_GROUP, input, 'assessHealthGroup')
    const again = await recorded(ASSESS_HEALTH_GROUP, input, 'assessHealthGroup')
    expect(again).toBe(first)
    expect(await outboxOf(childId)).toHaveLength(1)
  })
})

describe('the region’s МКБ-10 list of signals (HEALTH_SIGNAL_ICD10)', () => {
  it('defaults to the conditions of the target group and accepts codes and their beginnings', () => {
    expect(loadConfig({}).signalIcd10).toEqual(parseSignalIcd10(DEFAULT_SIGNAL_ICD10))
    expect(loadConfig({ HEALTH_SIGNAL_ICD10: ' G80, E70.0,G80 ' }).signalIcd10).toEqual(['G80', 'E70.0'])
  })

  it('refuses at start an entry that is not an МКБ-10 code, naming the variable', () => {
    // A Cyrillic «С» typed for the Latin letter, and an empty entry.
    for (const value of ['G80,С90', 'G80,,Q90', 'g80']) {
      expect(() => loadConfig({ HEALTH_SIGNAL_ICD10: value })).toThrow(ConfigError)
      expect(() => loadConfig({ HEALTH_SIGNAL_ICD10: value })).toThrow(/^HEALTH_SIGNAL_ICD10: /)
    }
  })
})
