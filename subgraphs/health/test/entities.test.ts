import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { findCurrentHealthGroupsByChildIds } from '../src/db/queries/health_group_assessment.queries.js'
import { backends } from '@hub/testing/databases'
import {
  insertDetectionEvent,
  insertDiagnosis,
  insertDispensaryObservation,
  insertHealthGroup,
  insertRehabilitationEpisode,
  insertRehabilitationSession,
  insertRiskFactor,
} from './support/factories.js'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { healthSubgraph } from './support/subgraph.js'

const SELECTION = `fragment Selection on Child {
  id
  health {
    healthGroup { group assessedOn }
    diagnoses { icd10 name primary }
    detectionEvents { kind result }
    riskFactors { kind details }
  }
}`

describe.each(backends)('health subgraph (%s)', (backend) => {
  let health: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    health = await startSubgraphForTest<DB>(healthSubgraph, backend)
  })
  afterAll(() => health?.stop())

  it('resolves Child by id with its health part, in key order, one statement per table for the batch', async () => {
    const known = randomUUID()
    const unknown = randomUUID()
    await insertHealthGroup(health.db, known, { health_group: 'III', assessed_on: '2025-01-10' })
    await insertHealthGroup(health.db, known, { health_group: 'V', assessed_on: '2025-09-01' })
    await insertDiagnosis(health.db, known, { icd10_code: 'G80.1', is_primary: true })
    await insertDiagnosis(health.db, known, { icd10_code: 'P07.3', is_primary: false })
    await insertDetectionEvent(health.db, known)
    await insertRiskFactor(health.db, known)
    health.statements.length = 0

    const response = await health.entities(
      [unknown, known].map((id) => ({ __typename: 'Child', id })),
      SELECTION,
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?._entities).toEqual([
      {
        __typename: 'Child',
        id: unknown,
        health: { healthGroup: null, diagnoses: [], detectionEvents: [], riskFactors: [] },
      },
      {
        __typename: 'Child',
        id: known,
        health: {
          healthGroup: { group: 'V', assessedOn: '2025-09-01' },
          diagnoses: [
            { icd10: 'G80.1', name: 'Спастическая диплегия', primary: true },
            { icd10: 'P07.3', name: 'Другие случаи недоношенности', primary: false },
          ],
          detectionEvents: [{ kind: 'NEONATAL_SCREENING', result: 'POSITIVE' }],
          riskFactors: [{ kind: 'PREMATURITY', details: '32 недели' }],
        },
      },
    ])
    expect(countByTable(health.statements)).toEqual({
      health_group_assessment: 1,
      diagnosis: 1,
      detection_event: 1,
      risk_factor: 1,
    })
  })

  it('loads dispensary observations, rehabilitation episodes and their sessions of several children in one statement per table', async () => {
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()]
    const observation = await insertDispensaryObservation(health.db, first, {
      icd10_code: 'Q90.0',
      specialty: 'MEDICAL_GENETICS',
    })
    await insertDispensaryObservation(health.db, third)
    const episodes = [
      await insertRehabilitationEpisode(health.db, first, { started_on: '2025-02-01', ended_on: '2025-04-01' }),
      await insertRehabilitationEpisode(health.db, first, { started_on: '2025-09-01' }),
      await insertRehabilitationEpisode(health.db, second),
    ]
    for (const episode of episodes) {
      await insertRehabilitationSession(health.db, episode.id, { held_on: episode.started_on })
      await insertRehabilitationSession(health.db, episode.id, {
        held_on: episode.started_on,
        attended: false,
        cancellation_reason: 'Семья не пришла',
      })
    }
    health.statements.length = 0

    const response = await health.entities<{
      id: string
      health: {
        dispensaryObservations: { id: string; name: string }[]
        rehabilitationEpisodes: { id: string; sessions: { attended: boolean }[] }[]
      }
    }>(
      [first, second, third].map((id) => ({ __typename: 'Child', id })),
      `fragment Selection on Child {
        id
        health {
          dispensaryObservations { id name }
          rehabilitationEpisodes { id sessions { attended } }
        }
      }`,
    )
    expect(response.errors).toBeUndefined()
    const [one, two, three] = response.data!._entities
    expect(one!.health.dispensaryObservations).toEqual([
      { id: observation.id, name: 'Трисомия 21, мейотическое нерасхождение' },
    ])
    expect(one!.health.rehabilitationEpisodes.map((episode) => episode.id)).toEqual([episodes[1]!.id, episodes[0]!.id])
    expect(two!.health.dispensaryObservations).toEqual([])
    expect(two!.health.rehabilitationEpisodes).toEqual([
      { id: episodes[2]!.id, sessions: [{ attended: expect.any(Boolean) }, { attended: expect.any(Boolean) }] },
    ])
    expect(three!.health.rehabilitationEpisodes).toEqual([])
    expect(countByTable(health.statements)).toEqual({
      dispensary_observation: 1,
      rehabilitation_episode: 1,
      rehabilitation_session: 1,
    })
  })

  it('takes the latest assessment as the health group in force', async () => {
    const child = randomUUID()
    await insertHealthGroup(health.db, child, { health_group: 'II', assessed_on: '2026-05-01' })
    await insertHealthGroup(health.db, child, { health_group: 'IV', assessed_on: '2025-05-01' })
    const rows = await findCurrentHealthGroupsByChildIds(health.db, [child])
    expect(rows.map((row) => row.group)).toEqual(['II'])
  })

  it('refuses a diagnosis whose code is not in the МКБ-10 dictionary', async () => {
    await expect(insertDiagnosis(health.db, randomUUID(), { icd10_code: 'Z99.9' })).rejects.toThrow()
  })
})
