import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../src/db/database.js'
import { backends } from '@hub/testing/databases'
import {
  CATALOGUE_SERVICE,
  insertChild,
  insertProgramme,
  insertProvider,
  insertSocialSession,
} from '../support/factories.js'
import { insertSpecialist } from '@hub/testing/factories/staffing'
import { staffingOperations } from '@hub/testing/staffing'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { SESSION_BASICS_CASES } from '@hub/testing/sessions'
import { daysFromToday, expectRefusedBySchema, expectRejected, snapshot } from '@hub/testing/writes'
import { socialSubgraph } from '../support/subgraph.js'

const SESSION_FIELDS = `id deliveredOn durationMinutes mode specialistRole attended cancellationReason
  programmeService { id } specialist { id personnelNumber role }`
const RECORD = /* GraphQL */ `
  mutation ($input: RecordSocialSessionInput!) {
    recordSocialSession(input: $input) { ${SESSION_FIELDS} }
  }
`
const CHILD_SESSIONS = /* GraphQL */ `
  query ($id: ID!) {
    child(id: $id) {
      socialSessions { ${SESSION_FIELDS} }
      programmes {
        version
        services {
          id
          programme { id version }
          socialSessions { id }
        }
      }
    }
  }
`

interface Session {
  id: string
  deliveredOn: string
  attended: boolean
  cancellationReason: string | null
  programmeService: { id: string }
}

const SIGNED_ON = daysFromToday(-30)

describe.each(backends)('sessions of social-service centres against ИПРП items (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let providerId: string

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    providerId = (await insertProvider(social.db, { side: 'SOCIAL', kind: 'SOCIAL_SERVICE_CENTRE' })).id
  })
  afterAll(() => social?.stop())

  /** A child with a programme signed 30 days ago, whose first item social delivers; the items as given. */
  async function programme(
    overrides: Parameters<typeof insertProgramme>[3] = {},
    items: Parameters<typeof insertProgramme>[4] = [{}],
  ) {
    const child = await insertChild(social.db, { registry_status: 'PROGRAMME_ACTIVE' })
    const { programme, services } = await insertProgramme(
      social.db,
      child.id,
      providerId,
      { signed_on: SIGNED_ON, ...overrides },
      items,
    )
    return { child, programme, item: services[0]!, services }
  }

  const attended = (programmeServiceId: string) => ({
    programmeServiceId,
    deliveredOn: daysFromToday(-3),
    durationMinutes: 45,
    mode: 'AT_HOME',
    specialistRole: 'PSYCHOLOGIST',
    attended: true,
  })

  async function sessionsOf(childId: string) {
    const response = await social.query<{
      child: {
        socialSessions: Session[]
        programmes: { services: { id: string; programme: { id: string }; socialSessions: { id: string }[] }[] }[]
      }
    }>(CHILD_SESSIONS, { id: childId })
    expect(response.errors).toBeUndefined()
    return response.data!.child
  }

  async function rejected(input: Record<string, unknown>) {
    const before = await snapshot(social.db)
    const response = await social.query(RECORD, { input })
    expect(await snapshot(social.db)).toEqual(before)
    return response
  }

  it('records an attended session against an item social delivers, shown on the child and on the item', async () => {
    const { child, programme: signed, item } = await programme()
    const response = await social.query<{ recordSocialSession: Session }>(RECORD, { input: attended(item.id) })
    expect(response.errors).toBeUndefined()
    const expected = {
      id: response.data!.recordSocialSession.id,
      deliveredOn: daysFromToday(-3),
      durationMinutes: 45,
      mode: 'AT_HOME',
      specialistRole: 'PSYCHOLOGIST',
      attended: true,
      cancellationReason: null,
      programmeService: { id: item.id },
      specialist: null,
    }
    expect(response.data!.recordSocialSession).toEqual(expected)
    expect(await sessionsOf(child.id)).toEqual({
      socialSessions: [expected],
      programmes: [
        {
          version: 1,
          services: [{ id: item.id, programme: { id: signed.id, version: 1 }, socialSessions: [{ id: expected.id }] }],
        },
      ],
    })
  })

  it('records a cancelled remote session with its reason', async () => {
    const { child, item } = await programme()
    const input = { ...attended(item.id), mode: 'REMOTE', attended: false, cancellationReason: 'FAMILY_NO_SHOW' }
    const response = await social.query(RECORD, { input })
    expect(response.errors).toBeUndefined()
    expect((await sessionsOf(child.id)).socialSessions).toMatchObject([
      { mode: 'REMOTE', attended: false, cancellationReason: 'FAMILY_NO_SHOW' },
    ])
  })

  it('accepts a session on the day of signing, one dated today, and one of 1 and of 480 minutes', async () => {
    const { child, item } = await programme()
    for (const [deliveredOn, durationMinutes] of [
      [SIGNED_ON, 1],
      [daysFromToday(0), 480],
    ] as const) {
      const response = await social.query(RECORD, { input: { ...attended(item.id), deliveredOn, durationMinutes } })
      expect(response.errors).toBeUndefined()
    }
    expect((await sessionsOf(child.id)).socialSessions.map((session) => session.deliveredOn)).toEqual([
      daysFromToday(0),
      SIGNED_ON,
    ])
  })

  it('lists the child’s sessions of every programme version, newest first', async () => {
    const child = await insertChild(social.db, { registry_status: 'PROGRAMME_ACTIVE' })
    const first = await insertProgramme(social.db, child.id, providerId, {
      status: 'SUPERSEDED',
      signed_on: daysFromToday(-90),
    })
    const second = await insertProgramme(social.db, child.id, providerId, { version: 2, signed_on: SIGNED_ON })
    const old = await insertSocialSession(social.db, first.services[0]!.id, { delivered_on: daysFromToday(-60) })
    const recent = await insertSocialSession(social.db, second.services[0]!.id, { delivered_on: daysFromToday(-2) })
    const sessions = (await sessionsOf(child.id)).socialSessions
    expect(sessions.map(({ id, programmeService }) => ({ id, item: programmeService.id }))).toEqual([
      { id: recent.id, item: second.services[0]!.id },
      { id: old.id, item: first.services[0]!.id },
    ])
  })

  describe('refuses, writing nothing,', () => {
    it('a programme item id that is not a UUID', async () => {
      expectRejected(await rejected(attended('ИПРП-1/3')), {
        code: 'BAD_USER_INPUT',
        field: 'input.programmeServiceId',
        rule: 'must be an id (UUID)',
      })
    })

    it('a programme item that does not exist', async () => {
      const missing = randomUUID()
      expectRejected(await rejected(attended(missing)), {
        code: 'NOT_FOUND',
        field: 'input.programmeServiceId',
        rule: `no programme service with id ${missing}`,
      })
    })

    it('an item another side is responsible for', async () => {
      const { services } = await programme({}, [{}, { responsible_side: 'HEALTH', service_code: 'MOBILITY' }])
      expectRejected(await rejected(attended(services[1]!.id)), {
        code: 'BAD_USER_INPUT',
        field: 'input.programmeServiceId',
        rule: 'the social side delivers (this one is the HEALTH side',
      })
    })

    it.each([
      ['a draft', { status: 'DRAFT', signed_on: null }, 'DRAFT'],
      ['a superseded version', { status: 'SUPERSEDED' }, 'SUPERSEDED'],
      ['a closed programme', { status: 'CLOSED', closed_on: daysFromToday(-1) }, 'CLOSED'],
    ] as const)('an item of %s', async (_name, overrides, status) => {
      const { item } = await programme(overrides)
      expectRejected(await rejected(attended(item.id)), {
        code: 'CONFLICT',
        field: 'input.programmeServiceId',
        rule: `the item's programme is ${status}; sessions are recorded against a SIGNED one`,
      })
    })

    it.each([
      ...SESSION_BASICS_CASES,
      ['input.deliveredOn', { deliveredOn: daysFromToday(-31) }, 'must not be before the day the programme was signed'],
    ])('a session whose %s breaks its rule', async (field, change, rule) => {
      const { item } = await programme()
      expectRejected(await rejected({ ...attended(item.id), ...change }), { code: 'BAD_USER_INPUT', field, rule })
    })

    it.each([
      ['mode', { mode: 'HOSPITAL' }, 'HOSPITAL'],
      ['specialist role', { specialistRole: 'REHABILITATION_PHYSICIAN' }, 'REHABILITATION_PHYSICIAN'],
      ['cancellation reason in free text', { attended: false, cancellationReason: 'Мама заболела' }, 'Мама заболела'],
    ])('a %s outside the list, before any resolver runs', async (_name, change, value) => {
      const { item } = await programme()
      expectRefusedBySchema(await rejected({ ...attended(item.id), ...change }), value)
    })
  })

  it('refuses, in the database itself, a session of 481 minutes and a cancelled session without a reason', async () => {
    const { item } = await programme()
    await expect(insertSocialSession(social.db, item.id, { duration_minutes: 481 })).rejects.toThrow()
    await expect(insertSocialSession(social.db, item.id, { attended: false })).rejects.toThrow()
    await expect(insertSocialSession(social.db, item.id, { cancellation_reason: 'OTHER' })).rejects.toThrow()
  })

  it('loads the sessions of a page of children with their items in one statement per table', async () => {
    for (let i = 0; i < 3; i++) {
      const { item } = await programme()
      const specialist = await insertSpecialist(social.db, providerId, { employed_from: daysFromToday(-400) })
      await insertSocialSession(social.db, item.id, { delivered_on: daysFromToday(-5), specialist_id: specialist.id })
      await insertSocialSession(social.db, item.id, { delivered_on: daysFromToday(-4) })
    }
    social.statements.length = 0
    const page = await social.query<{
      children: { edges: { node: { socialSessions: { programmeService: { serviceType: { code: string } } }[] } }[] }
    }>(`{
      children(first: 1000, filter: { registryStatus: [PROGRAMME_ACTIVE] }) {
        edges { node { socialSessions {
          deliveredOn
          specialist { personnelNumber trainings { course } }
          programmeService {
            serviceType { code name }
            provider { name }
            programme { version signedOn }
            socialSessions { id }
          }
        } } }
      }
    }`)
    expect(page.errors).toBeUndefined()
    const withSessions = page.data!.children.edges.filter((edge) => edge.node.socialSessions.length > 0)
    expect(withSessions.length).toBeGreaterThanOrEqual(3)
    expect(withSessions[0]!.node.socialSessions[0]!.programmeService.serviceType.code).toBe(CATALOGUE_SERVICE.code)
    expect(countByTable(social.statements)).toMatchObject({
      social_session: 2,
      programme_service: 1,
      programme: 1,
      service_type_version: 1,
      provider: 1,
      specialist: 1,
      specialist_training: 1,
    })
  })

  describe('the specialist who gave the session', () => {
    const { end } = staffingOperations('social')

    /** A psychologist of the centre, employed since before the programme was signed. */
    const psychologist = (overrides: Parameters<typeof insertSpecialist>[2] = {}) =>
      insertSpecialist(social.db, providerId, { employed_from: daysFromToday(-400), ...overrides })

    it('records the specialist of the item’s provider and shows them on the session and among the child’s', async () => {
      const { child, item } = await programme()
      const specialist = await psychologist()
      const response = await social.query<{ recordSocialSession: Session }>(RECORD, {
        input: { ...attended(item.id), specialistId: specialist.id },
      })
      expect(response.errors).toBeUndefined()
      const shown = { id: specialist.id, personnelNumber: specialist.personnel_number, role: 'PSYCHOLOGIST' }
      expect(response.data!.recordSocialSession).toMatchObject({ specialistRole: 'PSYCHOLOGIST', specialist: shown })
      expect((await sessionsOf(child.id)).socialSessions).toMatchObject([{ specialist: shown }])
    })

    it.each([
      [
        'an id that is not a UUID',
        () => ({ specialistId: 'ТН-0042' }),
        'BAD_USER_INPUT',
        'input.specialistId',
        'must be an id (UUID)',
      ],
      [
        'a specialist social does not have',
        () => ({ specialistId: randomUUID() }),
        'NOT_FOUND',
        'input.specialistId',
        'no specialist with id',
      ],
      [
        'a specialist of another provider',
        async () => ({
          specialistId: (await insertSpecialist(social.db, (await insertProvider(social.db, { side: 'SOCIAL' })).id))
            .id,
        }),
        'BAD_USER_INPUT',
        'input.specialistId',
        'must be a specialist of the provider of the programme item',
      ],
      [
        'a specialist whose employment ended before the session',
        async () => ({ specialistId: (await psychologist({ employed_until: daysFromToday(-4) })).id }),
        'BAD_USER_INPUT',
        'input.specialistId',
        `must be a specialist employed on the session's date (input.deliveredOn ${daysFromToday(-3)})`,
      ],
      [
        'a specialist in another role',
        async () => ({ specialistId: (await psychologist({ role: 'DEFECTOLOGIST' })).id }),
        'BAD_USER_INPUT',
        'input.specialistRole',
        'the specialist is DEFECTOLOGIST, not PSYCHOLOGIST',
      ],
    ] as const)('refuses %s, writing nothing', async (_name, change, code, field, rule) => {
      const { item } = await programme()
      expectRejected(await rejected({ ...attended(item.id), ...(await change()) }), { code, field, rule })
    })

    it('refuses to end the employment of a specialist before their last session, and writes nothing', async () => {
      const { item } = await programme()
      const specialist = await psychologist()
      await insertSocialSession(social.db, item.id, { delivered_on: daysFromToday(-3), specialist_id: specialist.id })
      const before = await snapshot(social.db)
      expectRejected(
        await social.query(end, { input: { specialistId: specialist.id, employedUntil: daysFromToday(-4) } }),
        {
          code: 'BAD_USER_INPUT',
          field: 'input.employedUntil',
          rule: `must not be before the specialist’s last recorded session (${daysFromToday(-3)})`,
        },
      )
      expect(await snapshot(social.db)).toEqual(before)
      const ended = await social.query(end, {
        input: { specialistId: specialist.id, employedUntil: daysFromToday(-3) },
      })
      expect(ended.errors).toBeUndefined()
    })
  })
})
