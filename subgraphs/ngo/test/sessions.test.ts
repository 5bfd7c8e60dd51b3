import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertSession } from './support/factories.js'
import { insertSpecialist } from '@hub/testing/factories/staffing'
import { staffingOperations } from '@hub/testing/staffing'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { countByTable } from '@hub/testing/statements'
import { SESSION_BASICS_CASES } from '@hub/testing/sessions'
import { expectRefusedBySchema, expectRejected, snapshot } from '@hub/testing/writes'
import { ngoSubgraph } from './support/subgraph.js'

const RECORD = /* GraphQL */ `
  mutation ($input: RecordNgoSessionInput!) {
    recordNgoSession(input: $input) {
      id
      provider {
        id
      }
      service {
        code
      }
      deliveredOn
      durationMinutes
      mode
      specialistRole
      specialist {
        id
        personnelNumber
        role
      }
      attended
      cancellationReason
      programmeService {
        id
      }
    }
  }
`

const SESSIONS = `fragment Selection on Child {
  ngo { sessions {
    id provider { id } service { code } deliveredOn durationMinutes mode attended cancellationReason programmeService { id }
    specialistRole specialist { id personnelNumber role }
  } }
}`

describe.each(backends)('sessions of non-state providers (%s)', (backend) => {
  let ngo: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    ngo = await startSubgraphForTest<DB>(ngoSubgraph, backend)
  })
  afterAll(() => ngo?.stop())

  const valid = (child = randomUUID(), provider = randomUUID(), programmeService = randomUUID()) => ({
    childId: child,
    providerId: provider,
    programmeServiceId: programmeService,
    serviceCode: 'COMMUNICATION_SPEECH',
    deliveredOn: '2026-11-20',
    durationMinutes: 45,
    mode: 'AT_HOME',
    attended: true,
  })

  async function sessionsOf(child: string) {
    const response = await ngo.entities<{ ngo: { sessions: unknown[] } }>(
      [{ __typename: 'Child', id: child, family: null }],
      SESSIONS,
    )
    expect(response.errors).toBeUndefined()
    return response.data?._entities[0]?.ngo.sessions
  }

  it('records an attended session against an item of the child’s programme and shows it among the child’s sessions', async () => {
    const child = randomUUID()
    const provider = randomUUID()
    const item = randomUUID()
    const recorded = await ngo.query<{ recordNgoSession: { id: string } }>(RECORD, {
      input: valid(child, provider, item),
    })
    expect(recorded.errors).toBeUndefined()
    const session = {
      id: recorded.data!.recordNgoSession.id,
      provider: { id: provider },
      service: { code: 'COMMUNICATION_SPEECH' },
      deliveredOn: '2026-11-20',
      durationMinutes: 45,
      mode: 'AT_HOME',
      specialistRole: null,
      specialist: null,
      attended: true,
      cancellationReason: null,
      programmeService: { id: item },
    }
    expect(recorded.data?.recordNgoSession).toEqual(session)
    expect(await sessionsOf(child)).toEqual([session])
  })

  it('records a cancelled session with its reason', async () => {
    const child = randomUUID()
    const input = { ...valid(child), attended: false, cancellationReason: 'CHILD_ILL', durationMinutes: 480 }
    const recorded = await ngo.query(RECORD, { input })
    expect(recorded.errors).toBeUndefined()
    expect(await sessionsOf(child)).toEqual([
      expect.objectContaining({ attended: false, cancellationReason: 'CHILD_ILL', durationMinutes: 480 }),
    ])
  })

  it.each([
    ['input.childId', { childId: '16-298-054 71' }, 'must be an id (UUID)'],
    ['input.programmeServiceId', { programmeServiceId: 'ИПРП-1/3' }, 'must be an id (UUID)'],
    ['input.providerId', { providerId: 'ООО «Шаг»' }, 'must be an id (UUID)'],
    ['input.serviceCode', { serviceCode: 'РЕЧЬ' }, 'must be a service code of the regional catalogue'],
    ['input.serviceCode', { serviceCode: '' }, 'must be a service code of the regional catalogue'],
    ...SESSION_BASICS_CASES,
  ])('refuses a session whose %s breaks its rule, and writes nothing', async (field, override, rule) => {
    const before = await snapshot(ngo.db)
    expectRejected(await ngo.query(RECORD, { input: { ...valid(), ...override } }), {
      code: 'BAD_USER_INPUT',
      field,
      rule,
    })
    expect(await snapshot(ngo.db)).toEqual(before)
  })

  it('refuses a new session without an item of the child’s programme, and writes nothing', async () => {
    const { programmeServiceId: _omitted, ...input } = valid()
    const before = await snapshot(ngo.db)
    expectRefusedBySchema(await ngo.query(RECORD, { input }), 'programmeServiceId')
    expect(await snapshot(ngo.db)).toEqual(before)
  })

  it('shows a session recorded before sessions named their programme item without one', async () => {
    const child = randomUUID()
    await insertSession(ngo.db, child, randomUUID())
    expect(await sessionsOf(child)).toEqual([expect.objectContaining({ programmeService: null })])
  })

  it('resolves ProgrammeService by id with its sessions, newest first, in one statement, and none for an unknown item', async () => {
    const [first, second, unknown] = [randomUUID(), randomUUID(), randomUUID()]
    for (const [item, deliveredOn] of [
      [first, '2026-10-01'],
      [first, '2026-10-08'],
      [second, '2026-10-03'],
    ] as const) {
      const recorded = await ngo.query(RECORD, { input: { ...valid(), programmeServiceId: item, deliveredOn } })
      expect(recorded.errors).toBeUndefined()
    }
    ngo.statements.length = 0
    const response = await ngo.entities<{ id: string; ngoSessions: { deliveredOn: string }[] }>(
      [first, unknown, second].map((id) => ({ __typename: 'ProgrammeService', id })),
      'fragment Selection on ProgrammeService { id ngoSessions { deliveredOn } }',
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?._entities).toEqual([
      {
        __typename: 'ProgrammeService',
        id: first,
        ngoSessions: [{ deliveredOn: '2026-10-08' }, { deliveredOn: '2026-10-01' }],
      },
      { __typename: 'ProgrammeService', id: unknown, ngoSessions: [] },
      { __typename: 'ProgrammeService', id: second, ngoSessions: [{ deliveredOn: '2026-10-03' }] },
    ])
    expect(countByTable(ngo.statements)).toEqual({ ngo_session: 1 })
  })

  describe('the specialist who gave the session', () => {
    const { end } = staffingOperations('ngo')
    const employed = (provider: string, overrides: Parameters<typeof insertSpecialist>[2] = {}) =>
      insertSpecialist(ngo.db, provider, { role: 'DEFECTOLOGIST', employed_from: '2026-01-12', ...overrides })

    it('records a specialist of the session’s provider and takes the session’s role from them', async () => {
      const provider = randomUUID()
      const specialist = await employed(provider)
      const input = { ...valid(randomUUID(), provider), specialistId: specialist.id }
      const recorded = await ngo.query<{ recordNgoSession: unknown }>(RECORD, { input })
      expect(recorded.errors).toBeUndefined()
      const shown = {
        specialistRole: 'DEFECTOLOGIST',
        specialist: { id: specialist.id, personnelNumber: specialist.personnel_number, role: 'DEFECTOLOGIST' },
      }
      expect(recorded.data?.recordNgoSession).toMatchObject(shown)
      expect(await sessionsOf(input.childId)).toMatchObject([shown])
    })

    it('records a role alone, and a role given with the specialist in it', async () => {
      const alone = { ...valid(), specialistRole: 'PSYCHOLOGIST' }
      expect((await ngo.query(RECORD, { input: alone })).errors).toBeUndefined()
      expect(await sessionsOf(alone.childId)).toMatchObject([{ specialistRole: 'PSYCHOLOGIST', specialist: null }])
      const provider = randomUUID()
      const specialist = await employed(provider)
      const both = { ...valid(randomUUID(), provider), specialistId: specialist.id, specialistRole: 'DEFECTOLOGIST' }
      expect((await ngo.query(RECORD, { input: both })).errors).toBeUndefined()
    })

    it.each([
      [
        'an id that is not a UUID',
        async () => ({ specialistId: 'ТН 1' }),
        'BAD_USER_INPUT',
        'input.specialistId',
        'UUID',
      ],
      [
        'a specialist ngo does not have',
        async () => ({ specialistId: randomUUID() }),
        'NOT_FOUND',
        'input.specialistId',
        'no specialist',
      ],
      [
        'a specialist of another provider',
        async () => ({ specialistId: (await employed(randomUUID())).id }),
        'BAD_USER_INPUT',
        'input.specialistId',
        "must be a specialist of the session's provider (input.providerId)",
      ],
      [
        'a specialist hired after the session',
        async (provider: string) => ({ specialistId: (await employed(provider, { employed_from: '2026-11-21' })).id }),
        'BAD_USER_INPUT',
        'input.specialistId',
        "must be a specialist employed on the session's date (input.deliveredOn 2026-11-20)",
      ],
      [
        'a role the specialist does not have',
        async (provider: string) => ({ specialistId: (await employed(provider)).id, specialistRole: 'EDUCATOR' }),
        'BAD_USER_INPUT',
        'input.specialistRole',
        'the specialist is DEFECTOLOGIST, not EDUCATOR',
      ],
    ] as const)('refuses %s, writing nothing', async (_name, change, code, field, rule) => {
      const provider = randomUUID()
      const input = { ...valid(randomUUID(), provider), ...(await change(provider)) }
      const before = await snapshot(ngo.db)
      expectRejected(await ngo.query(RECORD, { input }), { code, field, rule })
      expect(await snapshot(ngo.db)).toEqual(before)
    })

    it('refuses, in the database itself, a specialist without a role and a specialist ngo does not have', async () => {
      const provider = randomUUID()
      const specialist = await employed(provider)
      await expect(insertSession(ngo.db, randomUUID(), provider, { specialist_id: specialist.id })).rejects.toThrow()
      await expect(
        insertSession(ngo.db, randomUUID(), provider, { specialist_id: randomUUID(), specialist_role: 'EDUCATOR' }),
      ).rejects.toThrow()
    })

    it('loads the specialists of the sessions of many children in one statement', async () => {
      const provider = randomUUID()
      const children = Array.from({ length: 5 }, () => randomUUID())
      for (const child of children) {
        const specialist = await employed(provider)
        await insertSession(ngo.db, child, provider, { specialist_id: specialist.id, specialist_role: 'DEFECTOLOGIST' })
        await insertSession(ngo.db, child, provider)
      }
      ngo.statements.length = 0
      const response = await ngo.entities(
        children.map((id) => ({ __typename: 'Child', id, family: null })),
        SESSIONS,
      )
      expect(response.errors).toBeUndefined()
      expect(countByTable(ngo.statements)).toEqual({ ngo_session: 1, specialist: 1 })
    })

    it('refuses to end the employment of a specialist before their last session, and writes nothing', async () => {
      const provider = randomUUID()
      const specialist = await employed(provider)
      await insertSession(ngo.db, randomUUID(), provider, {
        delivered_on: '2026-10-05',
        specialist_id: specialist.id,
        specialist_role: 'DEFECTOLOGIST',
      })
      const before = await snapshot(ngo.db)
      expectRejected(await ngo.query(end, { input: { specialistId: specialist.id, employedUntil: '2026-10-04' } }), {
        code: 'BAD_USER_INPUT',
        field: 'input.employedUntil',
        rule: 'must not be before the specialist’s last recorded session (2026-10-05)',
      })
      expect(await snapshot(ngo.db)).toEqual(before)
    })
  })
})
