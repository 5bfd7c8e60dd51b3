import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertEarlyHelpUnit, insertEducationSession, insertKindergarten } from './support/factories.js'
import { insertSpecialist } from '@hub/testing/factories/staffing'
import { staffingOperations } from '@hub/testing/staffing'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { SESSION_BASICS_CASES } from '@hub/testing/sessions'
import { expectRefusedBySchema, expectRejected, snapshot } from '@hub/testing/writes'
import { educationSubgraph } from './support/subgraph.js'

const SESSION_FIELDS = `id unit { id kind name kindergarten { id name } } service { code } deliveredOn durationMinutes
  mode specialistRole specialist { id personnelNumber role } attended cancellationReason programmeService { id }`
const RECORD = /* GraphQL */ `
  mutation ($input: RecordEducationSessionInput!) {
    recordEducationSession(input: $input) { ${SESSION_FIELDS} }
  }
`
const SESSIONS = `fragment Selection on Child { education { sessions { ${SESSION_FIELDS} } } }`
const KINDERGARTENS = /* GraphQL */ `
  query ($municipality: ID) {
    kindergartens(municipality: $municipality) {
      id
      name
      municipality {
        oktmo
      }
      earlyHelpUnits {
        id
        kind
        name
      }
    }
  }
`

describe.each(backends)('early help in education organisations (%s)', (backend) => {
  let education: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let kindergarten: Awaited<ReturnType<typeof insertKindergarten>>
  let lekoteka: Awaited<ReturnType<typeof insertEarlyHelpUnit>>

  beforeAll(async () => {
    education = await startSubgraphForTest<DB>(educationSubgraph, backend)
    kindergarten = await insertKindergarten(education.db, {
      name: 'МБДОУ «Детский сад № 5 „Солнышко“»',
      municipality_oktmo: '98701000',
    })
    lekoteka = await insertEarlyHelpUnit(education.db, kindergarten.id, {
      kind: 'LEKOTEKA',
      title: 'Лекотека «Радуга»',
    })
  })
  afterAll(() => education?.stop())

  const valid = (childId: string = randomUUID(), programmeServiceId: string = randomUUID()) => ({
    childId,
    programmeServiceId,
    unitId: lekoteka.id,
    serviceCode: 'COMMUNICATION_SPEECH',
    deliveredOn: '2026-11-10',
    durationMinutes: 40,
    mode: 'GROUP',
    attended: true,
  })

  async function sessionsOf(childId: string) {
    const response = await education.entities<{ education: { sessions: unknown[] } }>(
      [{ __typename: 'Child', id: childId }],
      SESSIONS,
    )
    expect(response.errors).toBeUndefined()
    return response.data!._entities[0]!.education.sessions
  }

  async function rejected(input: Record<string, unknown>) {
    const before = await snapshot(education.db)
    const response = await education.query(RECORD, { input })
    expect(await snapshot(education.db)).toEqual(before)
    return response
  }

  describe('recordEducationSession', () => {
    it('records an attended session in a лекотека against an item of the child’s programme, and the child’s sessions show it', async () => {
      const input = valid()
      const response = await education.query<{ recordEducationSession: { id: string } }>(RECORD, { input })
      expect(response.errors).toBeUndefined()
      const expected = {
        id: response.data!.recordEducationSession.id,
        unit: {
          id: lekoteka.id,
          kind: 'LEKOTEKA',
          name: 'Лекотека «Радуга»',
          kindergarten: { id: kindergarten.id, name: 'МБДОУ «Детский сад № 5 „Солнышко“»' },
        },
        service: { code: 'COMMUNICATION_SPEECH' },
        deliveredOn: '2026-11-10',
        durationMinutes: 40,
        mode: 'GROUP',
        specialistRole: null,
        specialist: null,
        attended: true,
        cancellationReason: null,
        programmeService: { id: input.programmeServiceId },
      }
      expect(response.data!.recordEducationSession).toEqual(expected)
      expect(await sessionsOf(input.childId)).toEqual([expected])
    })

    it('records a cancelled home visit with its reason', async () => {
      const input = {
        ...valid(),
        mode: 'AT_HOME',
        attended: false,
        cancellationReason: 'CHILD_ILL',
        durationMinutes: 480,
      }
      const response = await education.query(RECORD, { input })
      expect(response.errors).toBeUndefined()
      expect(await sessionsOf(input.childId)).toEqual([
        expect.objectContaining({
          mode: 'AT_HOME',
          attended: false,
          cancellationReason: 'CHILD_ILL',
          durationMinutes: 480,
        }),
      ])
    })

    it.each([
      ['input.childId', { childId: '16-298-054 71' }, 'must be an id (UUID)'],
      ['input.programmeServiceId', { programmeServiceId: 'ИПРП-1/3' }, 'must be an id (UUID)'],
      ['input.unitId', { unitId: 'лекотека' }, 'must be an id (UUID)'],
      ['input.serviceCode', { serviceCode: 'РЕЧЬ' }, 'must be a service code of the regional catalogue'],
      ['input.serviceCode', { serviceCode: '' }, 'must be a service code of the regional catalogue'],
      ...SESSION_BASICS_CASES,
    ])('refuses a session whose %s breaks its rule, and writes nothing', async (field, change, rule) => {
      expectRejected(await rejected({ ...valid(), ...change }), { code: 'BAD_USER_INPUT', field, rule })
    })

    it('answers NOT_FOUND for a unit that does not exist, writing nothing', async () => {
      const missing = randomUUID()
      expectRejected(await rejected({ ...valid(), unitId: missing }), {
        code: 'NOT_FOUND',
        field: 'input.unitId',
        rule: `no early-help unit with id ${missing}`,
      })
    })

    it.each([
      ['mode', { mode: 'HOSPITAL' }, 'HOSPITAL'],
      ['cancellation reason in free text', { attended: false, cancellationReason: 'Мама заболела' }, 'Мама заболела'],
    ])('refuses a %s outside the list before any resolver runs', async (_name, change, value) => {
      expectRefusedBySchema(await rejected({ ...valid(), ...change }), value)
    })

    it('refuses a new session without an item of the child’s programme, writing nothing', async () => {
      const { programmeServiceId: _omitted, ...input } = valid()
      expectRefusedBySchema(await rejected(input), 'programmeServiceId')
    })

    it('shows a session recorded before sessions named their programme item without one', async () => {
      const child = randomUUID()
      await insertEducationSession(education.db, child, lekoteka.id)
      expect(await sessionsOf(child)).toEqual([expect.objectContaining({ programmeService: null })])
    })
  })

  describe('the specialist who gave the session', () => {
    const { end } = staffingOperations('education')
    const employed = (overrides: Parameters<typeof insertSpecialist>[2] = {}) =>
      insertSpecialist(education.db, randomUUID(), {
        role: 'SPEECH_THERAPIST',
        employed_from: '2025-09-01',
        ...overrides,
      })

    it('records the specialist and takes the session’s role from them when none is given', async () => {
      const specialist = await employed()
      const input = { ...valid(), specialistId: specialist.id }
      const response = await education.query<{ recordEducationSession: unknown }>(RECORD, { input })
      expect(response.errors).toBeUndefined()
      const shown = {
        specialistRole: 'SPEECH_THERAPIST',
        specialist: { id: specialist.id, personnelNumber: specialist.personnel_number, role: 'SPEECH_THERAPIST' },
      }
      expect(response.data!.recordEducationSession).toMatchObject(shown)
      expect(await sessionsOf(input.childId)).toMatchObject([shown])
    })

    it('records a role alone, and a role given with the specialist in it', async () => {
      const alone = { ...valid(), specialistRole: 'EDUCATOR' }
      expect((await education.query(RECORD, { input: alone })).errors).toBeUndefined()
      expect(await sessionsOf(alone.childId)).toMatchObject([{ specialistRole: 'EDUCATOR', specialist: null }])
      const specialist = await employed()
      const both = { ...valid(), specialistRole: 'SPEECH_THERAPIST', specialistId: specialist.id }
      expect((await education.query(RECORD, { input: both })).errors).toBeUndefined()
      expect(await sessionsOf(both.childId)).toMatchObject([
        { specialistRole: 'SPEECH_THERAPIST', specialist: { id: specialist.id } },
      ])
    })

    it.each([
      ['an id that is not a UUID', async () => ({ specialistId: '' }), 'BAD_USER_INPUT', 'input.specialistId', 'UUID'],
      [
        'a specialist education does not have',
        async () => ({ specialistId: randomUUID() }),
        'NOT_FOUND',
        'input.specialistId',
        'no specialist',
      ],
      [
        'a specialist whose employment ended before the session',
        async () => ({ specialistId: (await employed({ employed_until: '2026-11-09' })).id }),
        'BAD_USER_INPUT',
        'input.specialistId',
        "must be a specialist employed on the session's date (input.deliveredOn 2026-11-10)",
      ],
      [
        'a role the specialist does not have',
        async () => ({ specialistId: (await employed()).id, specialistRole: 'DEFECTOLOGIST' }),
        'BAD_USER_INPUT',
        'input.specialistRole',
        'the specialist is SPEECH_THERAPIST, not DEFECTOLOGIST',
      ],
    ] as const)('refuses %s, writing nothing', async (_name, change, code, field, rule) => {
      expectRejected(await rejected({ ...valid(), ...(await change()) }), { code, field, rule })
    })

    it('refuses, in the database itself, a specialist without a role and a specialist education does not have', async () => {
      const specialist = await employed()
      await expect(
        insertEducationSession(education.db, randomUUID(), lekoteka.id, { specialist_id: specialist.id }),
      ).rejects.toThrow()
      await expect(
        insertEducationSession(education.db, randomUUID(), lekoteka.id, {
          specialist_id: randomUUID(),
          specialist_role: 'EDUCATOR',
        }),
      ).rejects.toThrow()
    })

    it('refuses to end the employment of a specialist before their last session, and writes nothing', async () => {
      const specialist = await employed()
      await insertEducationSession(education.db, randomUUID(), lekoteka.id, {
        delivered_on: '2026-10-15',
        specialist_id: specialist.id,
        specialist_role: 'SPEECH_THERAPIST',
      })
      const before = await snapshot(education.db)
      expectRejected(
        await education.query(end, { input: { specialistId: specialist.id, employedUntil: '2026-10-14' } }),
        {
          code: 'BAD_USER_INPUT',
          field: 'input.employedUntil',
          rule: 'must not be before the specialist’s last recorded session (2026-10-15)',
        },
      )
      expect(await snapshot(education.db)).toEqual(before)
    })
  })

  it('resolves ProgrammeService by id with its sessions, newest first, in one statement per table, and none for an unknown item', async () => {
    const [first, second, unknown] = [randomUUID(), randomUUID(), randomUUID()]
    await insertEducationSession(education.db, randomUUID(), lekoteka.id, {
      programme_service_id: first,
      delivered_on: '2026-10-01',
    })
    await insertEducationSession(education.db, randomUUID(), lekoteka.id, {
      programme_service_id: first,
      delivered_on: '2026-10-08',
    })
    await insertEducationSession(education.db, randomUUID(), lekoteka.id, {
      programme_service_id: second,
      delivered_on: '2026-10-03',
    })
    education.statements.length = 0

    const response = await education.entities(
      [first, unknown, second].map((id) => ({ __typename: 'ProgrammeService', id })),
      'fragment Selection on ProgrammeService { id educationSessions { deliveredOn unit { name } } }',
    )
    expect(response.errors).toBeUndefined()
    const unit = { name: 'Лекотека «Радуга»' }
    expect(response.data?._entities).toEqual([
      {
        __typename: 'ProgrammeService',
        id: first,
        educationSessions: [
          { deliveredOn: '2026-10-08', unit },
          { deliveredOn: '2026-10-01', unit },
        ],
      },
      { __typename: 'ProgrammeService', id: unknown, educationSessions: [] },
      { __typename: 'ProgrammeService', id: second, educationSessions: [{ deliveredOn: '2026-10-03', unit }] },
    ])
    expect(countByTable(education.statements)).toEqual({ education_session: 1, early_help_unit: 1 })
  })

  it('answers the sessions of many children, with their units and kindergartens, in one statement per table', async () => {
    const consultation = await insertEarlyHelpUnit(education.db, kindergarten.id, {
      kind: 'CONSULTATION_POINT',
      title: 'Консультационный пункт',
    })
    const children = Array.from({ length: 30 }, () => randomUUID())
    for (const [i, child] of children.entries()) {
      const specialist = await insertSpecialist(education.db, randomUUID(), { role: 'DEFECTOLOGIST' })
      await insertEducationSession(education.db, child, i % 2 ? lekoteka.id : consultation.id, {
        delivered_on: '2026-10-01',
        specialist_id: specialist.id,
        specialist_role: 'DEFECTOLOGIST',
      })
      await insertEducationSession(education.db, child, lekoteka.id, { delivered_on: '2026-10-08' })
    }
    education.statements.length = 0

    const response = await education.entities<{
      education: { sessions: { deliveredOn: string; specialist: unknown }[] }
    }>(
      children.map((id) => ({ __typename: 'Child', id })),
      SESSIONS,
    )
    expect(response.errors).toBeUndefined()
    const entities = response.data!._entities
    expect(entities.map((entity) => entity!.education.sessions.map((session) => session.deliveredOn))).toEqual(
      children.map(() => ['2026-10-08', '2026-10-01']),
    )
    expect(entities[0]!.education.sessions[1]).toMatchObject({ specialist: { role: 'DEFECTOLOGIST' } })
    expect(countByTable(education.statements)).toEqual({
      education_session: 1,
      early_help_unit: 1,
      kindergarten: 1,
      specialist: 1,
    })
  })

  describe('Query.kindergartens', () => {
    it('lists a municipality’s kindergartens by name with their units, in one statement per table', async () => {
      const other = await insertKindergarten(education.db, {
        name: 'МБДОУ «Детский сад № 2 „Ромашка“»',
        municipality_oktmo: '98701000',
      })
      const service = await insertEarlyHelpUnit(education.db, other.id, {
        kind: 'EARLY_HELP_SERVICE',
        title: 'Служба ранней помощи',
      })
      await insertKindergarten(education.db, { name: 'МБДОУ «Детский сад „Колосок“»', municipality_oktmo: '98720000' })
      education.statements.length = 0

      const response = await education.query<{ kindergartens: { name: string; earlyHelpUnits: { id: string }[] }[] }>(
        KINDERGARTENS,
        { municipality: '98701000' },
      )
      expect(response.errors).toBeUndefined()
      expect(response.data!.kindergartens).toEqual([
        {
          id: other.id,
          name: 'МБДОУ «Детский сад № 2 „Ромашка“»',
          municipality: { oktmo: '98701000' },
          earlyHelpUnits: [{ id: service.id, kind: 'EARLY_HELP_SERVICE', name: 'Служба ранней помощи' }],
        },
        {
          id: kindergarten.id,
          name: 'МБДОУ «Детский сад № 5 „Солнышко“»',
          municipality: { oktmo: '98701000' },
          earlyHelpUnits: [
            expect.objectContaining({ kind: 'CONSULTATION_POINT' }),
            { id: lekoteka.id, kind: 'LEKOTEKA', name: 'Лекотека «Радуга»' },
          ],
        },
      ])
      expect(countByTable(education.statements)).toEqual({ kindergarten: 1, early_help_unit: 1 })
    })

    it('lists every municipality’s kindergartens without a municipality', async () => {
      const rural = await insertKindergarten(education.db, { municipality_oktmo: '98725000' })
      const response = await education.query<{ kindergartens: { id: string }[] }>(KINDERGARTENS)
      expect(response.errors).toBeUndefined()
      expect(response.data!.kindergartens.map((row) => row.id)).toEqual(
        expect.arrayContaining([kindergarten.id, rural.id]),
      )
    })

    it('refuses a municipality that is not an ОКТМО code', async () => {
      expectRejected(await education.query(KINDERGARTENS, { municipality: 'Верхнекамск' }), {
        code: 'BAD_USER_INPUT',
        field: 'municipality',
        rule: 'ОКТМО',
      })
    })
  })
})
