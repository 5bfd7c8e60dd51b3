import { randomUUID } from 'node:crypto'
import { print } from 'graphql'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RecordDetectionEventDocument } from '@hub/schema/operations'
import type { DB } from '../src/db/database.js'
import { canonicalInput, purgeExpiredIdempotencyKeys } from '@hub/subgraph-kit/idempotency/idempotency'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRejected, FUTURE, snapshot } from '@hub/testing/writes'
import { healthSubgraph } from './support/subgraph.js'

const RECORD_DETECTION_EVENT = print(RecordDetectionEventDocument)
const OPEN_EPISODE = /* GraphQL */ `
  mutation ($input: OpenRehabilitationEpisodeInput!) {
    openRehabilitationEpisode(input: $input) {
      id
      goal
      startedOn
    }
  }
`

interface Recorded {
  recordDetectionEvent: { id: string; kind: string; organisation: string }
}

describe('the canonical input of an idempotent request', () => {
  it('ignores the order of fields, absent versus null fields and the key itself', () => {
    expect(canonicalInput({ b: [1, { y: 'й', x: null }], a: 'x', idempotencyKey: 'key-00001' })).toBe(
      canonicalInput({ a: 'x', b: [1, { y: 'й' }], c: undefined }),
    )
  })

  it('tells apart inputs that differ in a value or in the order of a list', () => {
    expect(canonicalInput({ a: [1, 2] })).not.toBe(canonicalInput({ a: [2, 1] }))
    expect(canonicalInput({ a: '1' })).not.toBe(canonicalInput({ a: 1 }))
  })
})

describe.each(backends)('idempotent creating mutations of health (%s)', (backend) => {
  let health: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    health = await startSubgraphForTest<DB>(healthSubgraph, backend)
  })
  afterAll(() => health?.stop())

  const event = (overrides: Record<string, unknown> = {}) => ({
    childId: randomUUID(),
    kind: 'AUDIOLOGY_SCREENING',
    result: 'POSITIVE',
    occurredOn: '2025-04-02',
    organisation: 'ГБУЗ «Областной сурдологический центр»',
    idempotencyKey: randomUUID(),
    ...overrides,
  })

  const episode = (childId: string) => ({
    childId,
    organisation: 'ГБУЗ «Детский реабилитационный центр»',
    goal: 'Развитие слухового восприятия',
    startedOn: '2025-04-03',
  })

  async function eventsOf(childId: string) {
    return health.db.selectFrom('detection_event').select('id').where('child_id', '=', childId).execute()
  }

  it('answers a retry with the same key with the first record and writes nothing more', async () => {
    const input = event()
    const first = await health.query<Recorded>(RECORD_DETECTION_EVENT, { input })
    expect(first.errors).toBeUndefined()
    const before = await snapshot(health.db)
    // The retry lists the fields in another order: the same request all the same.
    const { idempotencyKey, ...fields } = input
    const retry = await health.query<Recorded>(RECORD_DETECTION_EVENT, { input: { idempotencyKey, ...fields } })
    expect(retry.errors).toBeUndefined()
    expect(retry.data).toEqual(first.data)
    expect(await snapshot(health.db)).toEqual(before)
    expect(await eventsOf(input.childId)).toEqual([{ id: first.data!.recordDetectionEvent.id }])
  })

  it('records again when a retry carries no key, as before', async () => {
    const { idempotencyKey: _key, ...input } = event()
    await health.query(RECORD_DETECTION_EVENT, { input })
    await health.query(RECORD_DETECTION_EVENT, { input })
    expect(await eventsOf(input.childId)).toHaveLength(2)
  })

  it('refuses the same key on a different request as a CONFLICT naming the key, writing nothing', async () => {
    const input = event()
    await health.query(RECORD_DETECTION_EVENT, { input })
    const before = await snapshot(health.db)
    const changed = await health.query(RECORD_DETECTION_EVENT, { input: { ...input, result: 'NEGATIVE' } })
    expectRejected(changed, { code: 'CONFLICT', field: 'input.idempotencyKey', rule: 'different request' })
    const otherMutation = await health.query(OPEN_EPISODE, {
      input: { ...episode(input.childId), idempotencyKey: input.idempotencyKey },
    })
    expectRejected(otherMutation, { code: 'CONFLICT', field: 'input.idempotencyKey', rule: 'recordDetectionEvent' })
    expect(await snapshot(health.db)).toEqual(before)
  })

  it("keeps one caller's key to that caller: another caller with the same key gets a record of its own", async () => {
    const input = event()
    const mine = await health.query<Recorded>(RECORD_DETECTION_EVENT, { input })
    const theirs = await health.query<Recorded>(RECORD_DETECTION_EVENT, { input }, viewers.specialist('health'))
    expect(theirs.errors).toBeUndefined()
    expect(theirs.data!.recordDetectionEvent.id).not.toBe(mine.data!.recordDetectionEvent.id)
    expect(await eventsOf(input.childId)).toHaveLength(2)
  })

  it('does not spend the key on a request that was rejected', async () => {
    const input = event()
    const rejected = await health.query(RECORD_DETECTION_EVENT, { input: { ...input, occurredOn: FUTURE } })
    expectRejected(rejected, { code: 'BAD_USER_INPUT', field: 'input.occurredOn', rule: 'future' })
    const accepted = await health.query<Recorded>(RECORD_DETECTION_EVENT, { input })
    expect(accepted.errors).toBeUndefined()
    expect(await eventsOf(input.childId)).toEqual([{ id: accepted.data!.recordDetectionEvent.id }])
  })

  it.each([
    { name: 'shorter than 8 characters', key: 'a1b2c3d' },
    { name: 'longer than 128 characters', key: 'k'.repeat(129) },
    { name: 'not Latin letters, digits and -_.:', key: 'ключ-идемпотентности' },
    { name: 'with a space', key: 'retry key 1' },
  ])('rejects a key $name, writing nothing', async ({ key }) => {
    const before = await snapshot(health.db)
    const response = await health.query(RECORD_DETECTION_EVENT, { input: event({ idempotencyKey: key }) })
    expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.idempotencyKey', rule: '8 to 128 characters' })
    expect(await snapshot(health.db)).toEqual(before)
  })

  it('accepts keys of 8 and of 128 characters of the allowed kinds', async () => {
    for (const key of ['a-b_c.d:', 'K'.repeat(128)]) {
      const response = await health.query(RECORD_DETECTION_EVENT, { input: event({ idempotencyKey: key }) })
      expect(response.errors).toBeUndefined()
    }
  })

  it('answers the same key for rehabilitation episodes, sessions and diagnoses with their first records', async () => {
    const childId = randomUUID()
    const episodeInput = { ...episode(childId), idempotencyKey: randomUUID() }
    const episodes = await Promise.all([
      health.query<{ openRehabilitationEpisode: { id: string } }>(OPEN_EPISODE, { input: episodeInput }),
      health.query<{ openRehabilitationEpisode: { id: string } }>(OPEN_EPISODE, { input: episodeInput }),
    ])
    expect(episodes[1].data).toEqual(episodes[0].data)
    const episodeId = episodes[0].data!.openRehabilitationEpisode.id
    const sessionInput = {
      episodeId,
      heldOn: '2025-04-04',
      mode: 'IN_CENTRE',
      specialistRole: 'REHABILITATION_PHYSICIAN',
      durationMinutes: 45,
      attended: true,
      idempotencyKey: randomUUID(),
    }
    const RECORD_SESSION = `mutation ($input: RecordRehabilitationSessionInput!) {
      recordRehabilitationSession(input: $input) { id heldOn durationMinutes }
    }`
    const sessions = [
      await health.query(RECORD_SESSION, { input: sessionInput }),
      await health.query(RECORD_SESSION, { input: sessionInput }),
    ]
    expect(sessions[0]!.errors).toBeUndefined()
    expect(sessions[1]!.data).toEqual(sessions[0]!.data)
    const diagnosisInput = {
      childId,
      icd10: 'H90.3',
      diagnosedOn: '2025-04-05',
      primary: true,
      idempotencyKey: randomUUID(),
    }
    const RECORD_DIAGNOSIS = `mutation ($input: RecordDiagnosisInput!) {
      recordDiagnosis(input: $input) { id icd10 name primary }
    }`
    const diagnoses = [
      await health.query(RECORD_DIAGNOSIS, { input: diagnosisInput }),
      await health.query(RECORD_DIAGNOSIS, { input: diagnosisInput }),
    ]
    expect(diagnoses[0]!.errors).toBeUndefined()
    expect(diagnoses[1]!.data).toEqual(diagnoses[0]!.data)
    const count = (table: 'rehabilitation_episode' | 'diagnosis') =>
      health.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('child_id', '=', childId)
        .executeTakeFirstOrThrow()
    expect(Number((await count('rehabilitation_episode')).n)).toBe(1)
    expect(Number((await count('diagnosis')).n)).toBe(1)
    const sessionRows = await health.db
      .selectFrom('rehabilitation_session')
      .select('id')
      .where('episode_id', '=', episodeId)
      .execute()
    expect(sessionRows).toHaveLength(1)
  })

  it.each([
    {
      field: 'assessHealthGroup',
      document: `mutation ($input: AssessHealthGroupInput!) { assessHealthGroup(input: $input) { id group } }`,
      input: { group: 'IV', assessedOn: '2025-05-12' },
      table: 'health_group_assessment' as const,
    },
    {
      field: 'recordRiskFactor',
      document: `mutation ($input: RecordRiskFactorInput!) { recordRiskFactor(input: $input) { id kind details } }`,
      input: { kind: 'LOW_BIRTH_WEIGHT', notedOn: '2025-02-01', details: '1450 г' },
      table: 'risk_factor' as const,
    },
    {
      field: 'startDispensaryObservation',
      document: `mutation ($input: StartDispensaryObservationInput!) {
        startDispensaryObservation(input: $input) { id icd10 specialty }
      }`,
      input: { icd10: 'Q90.0', specialty: 'NEUROLOGY', startedOn: '2025-03-01' },
      table: 'dispensary_observation' as const,
    },
  ])('answers a retried $field with its first record', async ({ document, input, table }) => {
    const childId = randomUUID()
    const request = { input: { childId, ...input, idempotencyKey: randomUUID() } }
    const first = await health.query(document, request)
    expect(first.errors).toBeUndefined()
    expect(await health.query(document, request)).toEqual(first)
    const rows = await health.db.selectFrom(table).select('id').where('child_id', '=', childId).execute()
    expect(rows).toHaveLength(1)
  })

  it('claims a key anew once its 30 days are over, and the purge forgets such keys', async () => {
    const input = event()
    const first = await health.query<Recorded>(RECORD_DETECTION_EVENT, { input })
    await sql`update idempotent_request set created_at = now() - interval '31 days' where key = ${input.idempotencyKey}`.execute(
      health.db,
    )
    const later = await health.query<Recorded>(RECORD_DETECTION_EVENT, { input })
    expect(later.data!.recordDetectionEvent.id).not.toBe(first.data!.recordDetectionEvent.id)
    await sql`update idempotent_request set created_at = now() - interval '31 days' where key = ${input.idempotencyKey}`.execute(
      health.db,
    )
    const kept = event()
    await health.query(RECORD_DETECTION_EVENT, { input: kept })
    expect(await purgeExpiredIdempotencyKeys(health.db)).toBeGreaterThanOrEqual(1)
    const keys = await health.db.selectFrom('idempotent_request').select('key').execute()
    expect(keys.map((row) => row.key)).toContain(kept.idempotencyKey)
    expect(keys.map((row) => row.key)).not.toContain(input.idempotencyKey)
  })
})
