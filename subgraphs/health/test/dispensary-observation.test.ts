import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertDispensaryObservation } from './support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRefusedBySchema, expectRejected, FUTURE, snapshot } from '@hub/testing/writes'
import { healthSubgraph } from './support/subgraph.js'

const OBSERVATION_FIELDS = 'id icd10 name specialty startedOn endedOn endReason'
const START = /* GraphQL */ `
  mutation ($input: StartDispensaryObservationInput!) {
    startDispensaryObservation(input: $input) { ${OBSERVATION_FIELDS} }
  }
`
const END = /* GraphQL */ `
  mutation ($input: EndDispensaryObservationInput!) {
    endDispensaryObservation(input: $input) { ${OBSERVATION_FIELDS} }
  }
`
const OBSERVATIONS = `fragment Selection on Child { health { dispensaryObservations { ${OBSERVATION_FIELDS} } } }`

interface Observation {
  id: string
  icd10: string
  name: string
  specialty: string
  startedOn: string
  endedOn: string | null
  endReason: string | null
}

describe.each(backends)('dispensary observation (%s)', (backend) => {
  let health: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    health = await startSubgraphForTest<DB>(healthSubgraph, backend)
  })
  afterAll(() => health?.stop())

  async function observationsOf(childId: string) {
    const response = await health.entities<{ health: { dispensaryObservations: Observation[] } }>(
      [{ __typename: 'Child', id: childId }],
      OBSERVATIONS,
    )
    expect(response.errors).toBeUndefined()
    return response.data!._entities[0]!.health.dispensaryObservations
  }

  async function rejected(document: string, input: Record<string, unknown>) {
    const before = await snapshot(health.db)
    const response = await health.query(document, { input })
    expect(await snapshot(health.db)).toEqual(before)
    return response
  }

  describe('startDispensaryObservation', () => {
    const valid = () => ({ childId: randomUUID(), icd10: 'G80.1', specialty: 'NEUROLOGY', startedOn: '2025-06-02' })

    it('takes a child under observation, and the child’s observations show it open', async () => {
      const input = valid()
      const response = await health.query<{ startDispensaryObservation: Observation }>(START, { input })
      expect(response.errors).toBeUndefined()
      const expected = {
        id: response.data!.startDispensaryObservation.id,
        icd10: 'G80.1',
        name: 'Спастическая диплегия',
        specialty: 'NEUROLOGY',
        startedOn: '2025-06-02',
        endedOn: null,
        endReason: null,
      }
      expect(response.data!.startDispensaryObservation).toEqual(expected)
      expect(await observationsOf(input.childId)).toEqual([expected])
    })

    it('lets another specialty observe the same disease at the same time', async () => {
      const input = valid()
      await health.query(START, { input })
      const response = await health.query(START, { input: { ...input, specialty: 'TRAUMATOLOGY_ORTHOPAEDICS' } })
      expect(response.errors).toBeUndefined()
      expect((await observationsOf(input.childId)).map((row) => row.specialty).sort()).toEqual([
        'NEUROLOGY',
        'TRAUMATOLOGY_ORTHOPAEDICS',
      ])
    })

    it('rejects a second open observation of the same disease by the same specialty as a conflict, writing nothing', async () => {
      const input = valid()
      await insertDispensaryObservation(health.db, input.childId, { icd10_code: 'G80.1', specialty: 'NEUROLOGY' })
      const response = await rejected(START, input)
      expectRejected(response, { code: 'CONFLICT', field: 'input.icd10', rule: 'already under dispensary observation' })
    })

    it('takes the child under the same observation again once the earlier one has ended', async () => {
      const input = valid()
      await insertDispensaryObservation(health.db, input.childId, {
        started_on: '2024-01-10',
        ended_on: '2024-12-01',
        end_reason: 'STABLE_REMISSION',
      })
      const response = await health.query(START, { input })
      expect(response.errors).toBeUndefined()
      expect((await observationsOf(input.childId)).map((row) => row.endedOn)).toEqual([null, '2024-12-01'])
    })

    it.each([
      { name: 'child id is not a UUID', change: { childId: 'abc' }, field: 'input.childId', rule: 'UUID' },
      {
        name: 'МКБ-10 code is malformed',
        change: { icd10: 'G80,1' },
        field: 'input.icd10',
        rule: 'a Latin capital letter, two digits',
      },
      {
        name: 'МКБ-10 code is not in the dictionary',
        change: { icd10: 'A00.0' },
        field: 'input.icd10',
        rule: 'dictionary',
      },
      { name: 'start is in the future', change: { startedOn: FUTURE }, field: 'input.startedOn', rule: 'future' },
    ])('rejects an observation whose $name, writing nothing', async ({ change, field, rule }) => {
      const response = await rejected(START, { ...valid(), ...change })
      expectRejected(response, { code: 'BAD_USER_INPUT', field, rule })
    })

    it('rejects a specialty the schema does not know, writing nothing', async () => {
      const response = await rejected(START, { ...valid(), specialty: 'DENTISTRY' })
      expectRefusedBySchema(response, 'input.specialty')
    })
  })

  describe('endDispensaryObservation', () => {
    async function openObservation() {
      return insertDispensaryObservation(health.db, randomUUID(), { started_on: '2025-06-02' })
    }

    it('ends an observation with a date and a reason, and the child’s observations show it ended', async () => {
      const observation = await openObservation()
      const input = { observationId: observation.id, endedOn: '2025-11-14', endReason: 'RECOVERED' }
      const response = await health.query<{ endDispensaryObservation: Observation }>(END, { input })
      expect(response.errors).toBeUndefined()
      expect(response.data!.endDispensaryObservation).toMatchObject({ endedOn: '2025-11-14', endReason: 'RECOVERED' })
      expect(await observationsOf(observation.child_id)).toEqual([
        {
          id: observation.id,
          icd10: 'G80.1',
          name: 'Спастическая диплегия',
          specialty: 'NEUROLOGY',
          startedOn: '2025-06-02',
          endedOn: '2025-11-14',
          endReason: 'RECOVERED',
        },
      ])
    })

    it('ends an observation on the day it started', async () => {
      const observation = await openObservation()
      const input = { observationId: observation.id, endedOn: '2025-06-02', endReason: 'TRANSFERRED' }
      const response = await health.query(END, { input })
      expect(response.errors).toBeUndefined()
    })

    it('rejects an observation id that is not a UUID, writing nothing', async () => {
      const response = await rejected(END, { observationId: '17', endedOn: '2025-11-14', endReason: 'RECOVERED' })
      expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.observationId', rule: 'UUID' })
    })

    it('answers NOT_FOUND for an observation that does not exist, writing nothing', async () => {
      const input = { observationId: randomUUID(), endedOn: '2025-11-14', endReason: 'RECOVERED' }
      const response = await rejected(END, input)
      expectRejected(response, { code: 'NOT_FOUND', field: 'input.observationId', rule: input.observationId })
    })

    it('rejects ending an observation that has already ended as a conflict, writing nothing', async () => {
      const observation = await insertDispensaryObservation(health.db, randomUUID(), {
        ended_on: '2025-09-01',
        end_reason: 'STABLE_REMISSION',
      })
      const response = await rejected(END, {
        observationId: observation.id,
        endedOn: '2025-11-14',
        endReason: 'RECOVERED',
      })
      expectRejected(response, { code: 'CONFLICT', field: 'input.observationId', rule: 'already ended on 2025-09-01' })
    })

    it.each([
      { name: 'is before the observation started', endedOn: '2025-06-01', rule: 'must not be before' },
      { name: 'is in the future', endedOn: FUTURE, rule: 'future' },
    ])('rejects an end date that $name, writing nothing', async ({ endedOn, rule }) => {
      const observation = await openObservation()
      const response = await rejected(END, { observationId: observation.id, endedOn, endReason: 'RECOVERED' })
      expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.endedOn', rule })
    })

    it('rejects an end without a reason, writing nothing', async () => {
      const observation = await openObservation()
      const response = await rejected(END, { observationId: observation.id, endedOn: '2025-11-14' })
      expectRefusedBySchema(response, 'endReason')
    })
  })

  it('starts one observation when two identical starts race, and answers the other with CONFLICT', async () => {
    const input = {
      childId: randomUUID(),
      icd10: 'H90.3',
      specialty: 'AUDIOLOGY_OTORHINOLARYNGOLOGY',
      startedOn: '2025-05-05',
    }
    const responses = await Promise.all([health.query(START, { input }), health.query(START, { input })])
    expect(responses.map((response) => response.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual([
      'CONFLICT',
      'OK',
    ])
    expect(await observationsOf(input.childId)).toHaveLength(1)
  })

  it('ends an observation once when two ends race, and answers the other with CONFLICT', async () => {
    const observation = await insertDispensaryObservation(health.db, randomUUID())
    const end = (endReason: string) =>
      health.query(END, { input: { observationId: observation.id, endedOn: '2025-10-01', endReason } })
    const responses = await Promise.all([end('RECOVERED'), end('TRANSFERRED')])
    expect(responses.map((response) => response.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual([
      'CONFLICT',
      'OK',
    ])
  })

  it('refuses, in the database itself, an end date without a reason and an end before the start', async () => {
    const child = randomUUID()
    await expect(insertDispensaryObservation(health.db, child, { ended_on: '2025-09-01' })).rejects.toThrow()
    await expect(
      insertDispensaryObservation(health.db, child, {
        started_on: '2025-06-02',
        ended_on: '2025-06-01',
        end_reason: 'RECOVERED',
      }),
    ).rejects.toThrow()
  })
})
