import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertRehabilitationEpisode, insertRehabilitationSession } from './support/factories.js'
import { insertSpecialist } from '@hub/testing/factories/staffing'
import { staffingOperations } from '@hub/testing/staffing'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRefusedBySchema, expectRejected, FUTURE, snapshot } from '@hub/testing/writes'
import { healthSubgraph } from './support/subgraph.js'

const SESSION_FIELDS = `id heldOn durationMinutes mode specialistRole attended cancellationReason programmeService { id }
  specialist { id personnelNumber role }`
const EPISODE_FIELDS = `id organisation goal startedOn endedOn sessions { ${SESSION_FIELDS} }`
const OPEN = /* GraphQL */ `
  mutation ($input: OpenRehabilitationEpisodeInput!) {
    openRehabilitationEpisode(input: $input) { ${EPISODE_FIELDS} }
  }
`
const CLOSE = /* GraphQL */ `
  mutation ($input: CloseRehabilitationEpisodeInput!) {
    closeRehabilitationEpisode(input: $input) { ${EPISODE_FIELDS} }
  }
`
const RECORD_SESSION = /* GraphQL */ `
  mutation ($input: RecordRehabilitationSessionInput!) {
    recordRehabilitationSession(input: $input) { ${SESSION_FIELDS} }
  }
`
const EPISODES = `fragment Selection on Child { health { rehabilitationEpisodes { ${EPISODE_FIELDS} } } }`

interface Session {
  id: string
  heldOn: string
  attended: boolean
  cancellationReason: string | null
  programmeService: { id: string } | null
}
interface Episode {
  id: string
  organisation: string
  goal: string
  startedOn: string
  endedOn: string | null
  sessions: Session[]
}

describe.each(backends)('medical rehabilitation (%s)', (backend) => {
  let health: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    health = await startSubgraphForTest<DB>(healthSubgraph, backend)
  })
  afterAll(() => health?.stop())

  async function episodesOf(childId: string) {
    const response = await health.entities<{ health: { rehabilitationEpisodes: Episode[] } }>(
      [{ __typename: 'Child', id: childId }],
      EPISODES,
    )
    expect(response.errors).toBeUndefined()
    return response.data!._entities[0]!.health.rehabilitationEpisodes
  }

  async function rejected(document: string, input: Record<string, unknown>) {
    const before = await snapshot(health.db)
    const response = await health.query(document, { input })
    expect(await snapshot(health.db)).toEqual(before)
    return response
  }

  /** An episode open since 2025-06-10. */
  function openEpisode(overrides: Parameters<typeof insertRehabilitationEpisode>[2] = {}) {
    return insertRehabilitationEpisode(health.db, randomUUID(), { started_on: '2025-06-10', ...overrides })
  }

  describe('openRehabilitationEpisode', () => {
    const valid = () => ({
      childId: randomUUID(),
      organisation: 'ГБУЗ «Областной детский центр медицинской реабилитации»',
      goal: 'Ходьба с опорой на расстояние 10 м',
      startedOn: '2025-07-01',
    })

    it('opens an episode, and the child’s episodes show it open with no sessions', async () => {
      const input = valid()
      const response = await health.query<{ openRehabilitationEpisode: Episode }>(OPEN, { input })
      expect(response.errors).toBeUndefined()
      const expected = {
        id: response.data!.openRehabilitationEpisode.id,
        organisation: input.organisation,
        goal: input.goal,
        startedOn: '2025-07-01',
        endedOn: null,
        sessions: [],
      }
      expect(response.data!.openRehabilitationEpisode).toEqual(expected)
      expect(await episodesOf(input.childId)).toEqual([expected])
    })

    it.each([
      { name: 'child id is not a UUID', change: { childId: '1' }, field: 'input.childId', rule: 'UUID' },
      { name: 'organisation is blank', change: { organisation: '' }, field: 'input.organisation', rule: 'empty' },
      {
        name: 'organisation is longer than 300 characters',
        change: { organisation: 'О'.repeat(301) },
        field: 'input.organisation',
        rule: 'at most 300',
      },
      { name: 'goal is blank', change: { goal: '\n  ' }, field: 'input.goal', rule: 'empty' },
      {
        name: 'goal is longer than 2000 characters',
        change: { goal: 'ц'.repeat(2001) },
        field: 'input.goal',
        rule: 'at most 2000',
      },
      { name: 'start is in the future', change: { startedOn: FUTURE }, field: 'input.startedOn', rule: 'future' },
    ])('rejects an episode whose $name, writing nothing', async ({ change, field, rule }) => {
      const response = await rejected(OPEN, { ...valid(), ...change })
      expectRejected(response, { code: 'BAD_USER_INPUT', field, rule })
    })
  })

  describe('closeRehabilitationEpisode', () => {
    it('closes an episode, and the child’s episodes show it closed with its sessions', async () => {
      const episode = await openEpisode()
      const session = await insertRehabilitationSession(health.db, episode.id, { held_on: '2025-06-20' })
      const response = await health.query<{ closeRehabilitationEpisode: Episode }>(CLOSE, {
        input: { episodeId: episode.id, endedOn: '2025-06-20' },
      })
      expect(response.errors).toBeUndefined()
      expect(response.data!.closeRehabilitationEpisode).toMatchObject({ id: episode.id, endedOn: '2025-06-20' })
      const [read] = await episodesOf(episode.child_id)
      expect(read).toMatchObject({ id: episode.id, startedOn: '2025-06-10', endedOn: '2025-06-20' })
      expect(read!.sessions.map((row) => row.id)).toEqual([session.id])
    })

    it('rejects an episode id that is not a UUID, writing nothing', async () => {
      const response = await rejected(CLOSE, { episodeId: 'episode', endedOn: '2025-07-01' })
      expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.episodeId', rule: 'UUID' })
    })

    it('answers NOT_FOUND for an episode that does not exist, writing nothing', async () => {
      const response = await rejected(CLOSE, { episodeId: randomUUID(), endedOn: '2025-07-01' })
      expectRejected(response, { code: 'NOT_FOUND', field: 'input.episodeId', rule: 'no rehabilitation episode' })
    })

    it('rejects closing an episode that is already closed as a conflict, writing nothing', async () => {
      const episode = await openEpisode({ ended_on: '2025-08-01' })
      const response = await rejected(CLOSE, { episodeId: episode.id, endedOn: '2025-09-01' })
      expectRejected(response, { code: 'CONFLICT', field: 'input.episodeId', rule: 'already closed on 2025-08-01' })
    })

    it.each([
      { name: 'is before the episode started', endedOn: '2025-06-09', rule: 'must not be before' },
      { name: 'is in the future', endedOn: FUTURE, rule: 'future' },
      { name: 'is before the episode’s last session', endedOn: '2025-06-29', rule: 'last session (2025-06-30)' },
    ])('rejects an end date that $name, writing nothing', async ({ endedOn, rule }) => {
      const episode = await openEpisode()
      await insertRehabilitationSession(health.db, episode.id, { held_on: '2025-06-30' })
      const response = await rejected(CLOSE, { episodeId: episode.id, endedOn })
      expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.endedOn', rule })
    })
  })

  describe('recordRehabilitationSession', () => {
    const attended = (episodeId: string) => ({
      episodeId,
      heldOn: '2025-06-17',
      durationMinutes: 45,
      mode: 'IN_CENTRE',
      specialistRole: 'PHYSICAL_THERAPIST',
      attended: true,
    })

    it('records an attended session outside a programme, and the episode’s sessions show it', async () => {
      const episode = await openEpisode()
      const response = await health.query<{ recordRehabilitationSession: Session }>(RECORD_SESSION, {
        input: attended(episode.id),
      })
      expect(response.errors).toBeUndefined()
      const expected = {
        id: response.data!.recordRehabilitationSession.id,
        heldOn: '2025-06-17',
        durationMinutes: 45,
        mode: 'IN_CENTRE',
        specialistRole: 'PHYSICAL_THERAPIST',
        attended: true,
        cancellationReason: null,
        programmeService: null,
        specialist: null,
      }
      expect(response.data!.recordRehabilitationSession).toEqual(expected)
      expect((await episodesOf(episode.child_id))[0]!.sessions).toEqual([expected])
    })

    it('records a session against an item of the child’s programme, and the episode’s sessions name the item', async () => {
      const episode = await openEpisode()
      const item = randomUUID()
      const response = await health.query<{ recordRehabilitationSession: Session }>(RECORD_SESSION, {
        input: { ...attended(episode.id), programmeServiceId: item },
      })
      expect(response.errors).toBeUndefined()
      expect(response.data!.recordRehabilitationSession.programmeService).toEqual({ id: item })
      expect((await episodesOf(episode.child_id))[0]!.sessions).toMatchObject([{ programmeService: { id: item } }])
    })

    it('records a cancelled remote session with its reason', async () => {
      const episode = await openEpisode()
      const input = {
        ...attended(episode.id),
        mode: 'REMOTE',
        specialistRole: 'SPEECH_THERAPIST',
        attended: false,
        cancellationReason: '  Ребёнок болен (ОРВИ)  ',
      }
      const response = await health.query(RECORD_SESSION, { input })
      expect(response.errors).toBeUndefined()
      expect((await episodesOf(episode.child_id))[0]!.sessions).toMatchObject([
        { mode: 'REMOTE', attended: false, cancellationReason: 'Ребёнок болен (ОРВИ)' },
      ])
    })

    it('records a late session inside the period of a closed episode, and one of 1 and of 480 minutes', async () => {
      const episode = await openEpisode({ ended_on: '2025-08-01' })
      for (const [heldOn, durationMinutes] of [
        ['2025-08-01', 1],
        ['2025-06-10', 480],
      ] as const) {
        const response = await health.query(RECORD_SESSION, {
          input: { ...attended(episode.id), heldOn, durationMinutes },
        })
        expect(response.errors).toBeUndefined()
      }
      expect((await episodesOf(episode.child_id))[0]!.sessions.map((row) => row.heldOn)).toEqual([
        '2025-06-10',
        '2025-08-01',
      ])
    })

    it('rejects an episode id that is not a UUID, writing nothing', async () => {
      const response = await rejected(RECORD_SESSION, attended('not-an-id'))
      expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.episodeId', rule: 'UUID' })
    })

    it.each(['ИПРП-1/3', ''])('rejects a programme item id %j that is not a UUID, writing nothing', async (id) => {
      const episode = await openEpisode()
      const response = await rejected(RECORD_SESSION, { ...attended(episode.id), programmeServiceId: id })
      expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.programmeServiceId', rule: 'UUID' })
    })

    it('answers NOT_FOUND for a session of an episode that does not exist, writing nothing', async () => {
      const response = await rejected(RECORD_SESSION, attended(randomUUID()))
      expectRejected(response, { code: 'NOT_FOUND', field: 'input.episodeId', rule: 'no rehabilitation episode' })
    })

    it.each([
      { name: 'lasts 0 minutes', change: { durationMinutes: 0 }, field: 'input.durationMinutes', rule: '1 and 480' },
      {
        name: 'lasts 481 minutes',
        change: { durationMinutes: 481 },
        field: 'input.durationMinutes',
        rule: '1 and 480',
      },
      {
        name: 'lasts a negative time',
        change: { durationMinutes: -30 },
        field: 'input.durationMinutes',
        rule: '1 and 480',
      },
      { name: 'is dated in the future', change: { heldOn: FUTURE }, field: 'input.heldOn', rule: 'future' },
      {
        name: 'is dated before the episode started',
        change: { heldOn: '2025-06-09' },
        field: 'input.heldOn',
        rule: 'must not be before',
      },
      {
        name: 'was cancelled without a reason',
        change: { attended: false },
        field: 'input.cancellationReason',
        rule: 'is required when the session was cancelled',
      },
      {
        name: 'was cancelled with a blank reason',
        change: { attended: false, cancellationReason: '   ' },
        field: 'input.cancellationReason',
        rule: 'empty',
      },
      {
        name: 'took place yet carries a cancellation reason',
        change: { attended: true, cancellationReason: 'Неявка' },
        field: 'input.cancellationReason',
        rule: 'must be omitted when the session took place',
      },
    ])('rejects a session that $name, writing nothing', async ({ change, field, rule }) => {
      const episode = await openEpisode()
      const response = await rejected(RECORD_SESSION, { ...attended(episode.id), ...change })
      expectRejected(response, { code: 'BAD_USER_INPUT', field, rule })
    })

    it('rejects a session dated after its closed episode ended, writing nothing', async () => {
      const episode = await openEpisode({ ended_on: '2025-08-01' })
      const response = await rejected(RECORD_SESSION, { ...attended(episode.id), heldOn: '2025-08-02' })
      expectRejected(response, { code: 'BAD_USER_INPUT', field: 'input.heldOn', rule: 'endedOn (2025-08-01)' })
    })

    it.each([
      {
        name: 'in a group, a form medical rehabilitation does not record',
        change: { mode: 'GROUP' },
        field: 'input.mode',
      },
      {
        name: 'by a specialist role the schema does not know',
        change: { specialistRole: 'DEFECTOLOGIST' },
        field: 'input.specialistRole',
      },
    ])('rejects a session $name, writing nothing', async ({ change, field }) => {
      const episode = await openEpisode()
      const response = await rejected(RECORD_SESSION, { ...attended(episode.id), ...change })
      expectRefusedBySchema(response, field)
    })

    it('accepts a session dated today', async () => {
      const episode = await openEpisode()
      const response = await health.query(RECORD_SESSION, {
        input: { ...attended(episode.id), heldOn: daysFromToday(0) },
      })
      expect(response.errors).toBeUndefined()
    })
  })

  describe('the specialist who gave the session', () => {
    const { end } = staffingOperations('health')
    const provider = randomUUID()
    const session = (episodeId: string, specialistId: string, specialistRole = 'MEDICAL_PSYCHOLOGIST') => ({
      episodeId,
      heldOn: '2025-06-17',
      durationMinutes: 45,
      mode: 'IN_CENTRE',
      specialistRole,
      specialistId,
      attended: true,
    })
    const employed = (overrides: Parameters<typeof insertSpecialist>[2] = {}) =>
      insertSpecialist(health.db, provider, { role: 'PSYCHOLOGIST', employed_from: '2024-01-09', ...overrides })

    it('records a medical psychologist’s session naming a psychologist of health’s register, shown among the episode’s', async () => {
      const episode = await openEpisode()
      const specialist = await employed()
      const response = await health.query<{ recordRehabilitationSession: Session }>(RECORD_SESSION, {
        input: session(episode.id, specialist.id),
      })
      expect(response.errors).toBeUndefined()
      const shown = { id: specialist.id, personnelNumber: specialist.personnel_number, role: 'PSYCHOLOGIST' }
      expect(response.data!.recordRehabilitationSession).toMatchObject({
        specialistRole: 'MEDICAL_PSYCHOLOGIST',
        specialist: shown,
      })
      expect((await episodesOf(episode.child_id))[0]!.sessions).toMatchObject([{ specialist: shown }])
    })

    it.each([
      ['OCCUPATIONAL_THERAPIST', 'OCCUPATIONAL_THERAPIST'],
      ['SPEECH_THERAPIST', 'SPEECH_THERAPIST'],
      ['MEDICAL_PSYCHOLOGIST', 'PSYCHOLOGIST'],
      ['NEUROLOGIST', 'NEUROLOGIST'],
      ['PAEDIATRICIAN', 'PAEDIATRICIAN'],
      ['REHABILITATION_NURSE', 'NURSE'],
      ['MASSAGE_NURSE', 'NURSE'],
    ] as const)('takes a session in the role %s from a specialist of the register’s %s', async (role, registerRole) => {
      const episode = await openEpisode()
      const specialist = await employed({ role: registerRole })
      const response = await health.query(RECORD_SESSION, { input: session(episode.id, specialist.id, role) })
      expect(response.errors).toBeUndefined()
    })

    it.each([
      'REHABILITATION_PHYSICIAN',
      'PHYSICAL_THERAPIST',
      'EXERCISE_THERAPY_PHYSICIAN',
      'EXERCISE_THERAPY_INSTRUCTOR',
      'PHYSIOTHERAPIST',
    ])(
      'refuses a specialist for a session in the role %s, which the register does not have, writing nothing',
      async (role) => {
        const episode = await openEpisode()
        const specialist = await employed({ role: 'ADAPTIVE_PE_INSTRUCTOR' })
        expectRejected(await rejected(RECORD_SESSION, session(episode.id, specialist.id, role)), {
          code: 'BAD_USER_INPUT',
          field: 'input.specialistRole',
          rule: `must have a counterpart among the roles of the specialists' register when input.specialistId is given (${role} has none)`,
        })
      },
    )

    it.each([
      [
        'an id that is not a UUID',
        async (): Promise<string> => 'ТН-7',
        'BAD_USER_INPUT',
        'input.specialistId',
        'must be an id (UUID)',
      ],
      [
        'a specialist health does not have',
        async (): Promise<string> => randomUUID(),
        'NOT_FOUND',
        'input.specialistId',
        'no specialist',
      ],
      [
        'a specialist hired after the session',
        async (): Promise<string> => (await employed({ employed_from: '2025-06-18' })).id,
        'BAD_USER_INPUT',
        'input.specialistId',
        "must be a specialist employed on the session's date (input.heldOn 2025-06-17)",
      ],
      [
        'a specialist in a role that does not match the session’s',
        async (): Promise<string> => (await employed({ role: 'NURSE' })).id,
        'BAD_USER_INPUT',
        'input.specialistRole',
        'the specialist is NURSE, not PSYCHOLOGIST',
      ],
    ] as const)('refuses %s, writing nothing', async (_name, specialistId, code, field, rule) => {
      const episode = await openEpisode()
      expectRejected(await rejected(RECORD_SESSION, session(episode.id, await specialistId())), { code, field, rule })
    })

    it('loads the specialists of the sessions of several children’s episodes in one statement', async () => {
      const children: string[] = []
      for (let i = 0; i < 3; i++) {
        const episode = await openEpisode()
        children.push(episode.child_id)
        const specialist = await employed()
        await insertRehabilitationSession(health.db, episode.id, { specialist_id: specialist.id })
        await insertRehabilitationSession(health.db, episode.id, { held_on: '2025-06-18' })
      }
      health.statements.length = 0
      const response = await health.entities<{ health: { rehabilitationEpisodes: { sessions: Session[] }[] } }>(
        children.map((id) => ({ __typename: 'Child', id })),
        'fragment Selection on Child { health { rehabilitationEpisodes { sessions { specialist { id trainings { course } } } } } }',
      )
      expect(response.errors).toBeUndefined()
      expect(countByTable(health.statements)).toEqual({
        rehabilitation_episode: 1,
        rehabilitation_session: 1,
        specialist: 1,
        specialist_training: 1,
      })
    })

    it('refuses to end the employment of a specialist before their last session, and writes nothing', async () => {
      const episode = await openEpisode()
      const specialist = await employed()
      await insertRehabilitationSession(health.db, episode.id, { held_on: '2025-06-17', specialist_id: specialist.id })
      const response = await rejected(end, { specialistId: specialist.id, employedUntil: '2025-06-16' })
      expectRejected(response, {
        code: 'BAD_USER_INPUT',
        field: 'input.employedUntil',
        rule: 'must not be before the specialist’s last recorded session (2025-06-17)',
      })
    })
  })

  it('refuses, in the database itself, a session of 481 minutes and a cancelled session without a reason', async () => {
    const episode = await openEpisode()
    await expect(insertRehabilitationSession(health.db, episode.id, { duration_minutes: 481 })).rejects.toThrow()
    await expect(
      insertRehabilitationSession(health.db, episode.id, { attended: false, cancellation_reason: null }),
    ).rejects.toThrow()
    await expect(
      insertRehabilitationSession(health.db, episode.id, { attended: true, cancellation_reason: 'Неявка' }),
    ).rejects.toThrow()
  })

  it('resolves ProgrammeService by id with its sessions of every episode, newest first, in one statement, and none for an unknown item', async () => {
    const [first, second, unknown] = [randomUUID(), randomUUID(), randomUUID()]
    const episode = await openEpisode()
    const other = await openEpisode()
    await insertRehabilitationSession(health.db, episode.id, { programme_service_id: first, held_on: '2025-06-17' })
    await insertRehabilitationSession(health.db, other.id, { programme_service_id: first, held_on: '2025-06-24' })
    await insertRehabilitationSession(health.db, episode.id, { programme_service_id: second, held_on: '2025-06-20' })
    await insertRehabilitationSession(health.db, episode.id, { held_on: '2025-06-21' })
    health.statements.length = 0

    const response = await health.entities(
      [first, unknown, second].map((id) => ({ __typename: 'ProgrammeService', id })),
      'fragment Selection on ProgrammeService { id rehabilitationSessions { heldOn programmeService { id } } }',
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?._entities).toEqual([
      {
        __typename: 'ProgrammeService',
        id: first,
        rehabilitationSessions: [
          { heldOn: '2025-06-24', programmeService: { id: first } },
          { heldOn: '2025-06-17', programmeService: { id: first } },
        ],
      },
      { __typename: 'ProgrammeService', id: unknown, rehabilitationSessions: [] },
      {
        __typename: 'ProgrammeService',
        id: second,
        rehabilitationSessions: [{ heldOn: '2025-06-20', programmeService: { id: second } }],
      },
    ])
    expect(countByTable(health.statements)).toEqual({ rehabilitation_session: 1 })
  })
})
