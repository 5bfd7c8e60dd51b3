import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertVolunteer, insertVolunteerHours } from './support/factories.js'
import type { GraphQLResponse } from '@hub/testing/graphql'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRejected, FUTURE, snapshot } from '@hub/testing/writes'
import { ngoSubgraph } from './support/subgraph.js'

const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterVolunteerInput!) {
    registerVolunteer(input: $input) {
      id
      provider {
        id
      }
      registrationNumber
      activityKinds
      startedOn
      endedOn
      hours {
        id
      }
      totalHours
    }
  }
`

const END = /* GraphQL */ `
  mutation ($input: EndVolunteerInput!) {
    endVolunteer(input: $input) {
      id
      startedOn
      endedOn
    }
  }
`

const HOURS = /* GraphQL */ `
  mutation ($input: RecordVolunteerHoursInput!) {
    recordVolunteerHours(input: $input) {
      id
      workedOn
      hours
      activity
      volunteer {
        id
        totalHours
      }
    }
  }
`

const VOLUNTEERS = `fragment Selection on Provider {
  volunteers { id registrationNumber activityKinds startedOn endedOn totalHours hours { workedOn hours activity } }
}`

describe.each(backends)('volunteers (%s)', (backend) => {
  let ngo: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    ngo = await startSubgraphForTest<DB>(ngoSubgraph, backend)
  })
  afterAll(() => ngo?.stop())

  /** Runs a mutation that must be refused, and checks that the database is exactly as it was. */
  async function expectRefusedWithoutWriting(
    run: () => Promise<GraphQLResponse>,
    expected: Parameters<typeof expectRejected>[1],
  ) {
    const before = await snapshot(ngo.db)
    expectRejected(await run(), expected)
    expect(await snapshot(ngo.db)).toEqual(before)
  }

  async function volunteersOf(provider: string) {
    const response = await ngo.entities<{ volunteers: unknown[] }>(
      [{ __typename: 'Provider', id: provider }],
      VOLUNTEERS,
    )
    expect(response.errors).toBeUndefined()
    return response.data?._entities[0]?.volunteers
  }

  describe('registerVolunteer', () => {
    const valid = (provider = randomUUID()) => ({
      providerId: provider,
      registrationNumber: ' ВОЛ-0042 ',
      activityKinds: ['CHILD_LEISURE', 'EVENTS'],
      startedOn: '2026-09-15',
    })

    it('registers a volunteer by the provider’s number alone and shows them on the provider', async () => {
      const provider = randomUUID()
      const registered = await ngo.query<{ registerVolunteer: { id: string } }>(REGISTER, { input: valid(provider) })
      expect(registered.errors).toBeUndefined()
      const id = registered.data!.registerVolunteer.id
      expect(registered.data?.registerVolunteer).toEqual({
        id,
        provider: { id: provider },
        registrationNumber: 'ВОЛ-0042',
        activityKinds: ['CHILD_LEISURE', 'EVENTS'],
        startedOn: '2026-09-15',
        endedOn: null,
        hours: [],
        totalHours: 0,
      })
      expect(await volunteersOf(provider)).toEqual([
        {
          id,
          registrationNumber: 'ВОЛ-0042',
          activityKinds: ['CHILD_LEISURE', 'EVENTS'],
          startedOn: '2026-09-15',
          endedOn: null,
          totalHours: 0,
          hours: [],
        },
      ])
    })

    it('reuses a number whose holder has ended', async () => {
      const provider = randomUUID()
      await insertVolunteer(ngo.db, provider, { registration_number: 'ВОЛ-0042', ended_on: '2026-06-30' })
      const registered = await ngo.query(REGISTER, { input: valid(provider) })
      expect(registered.errors).toBeUndefined()
      expect(await volunteersOf(provider)).toHaveLength(2)
    })

    const NUMBER_RULE = 'must be the provider’s registration number'

    it.each([
      ['input.providerId', { providerId: 'НКО-1' }, 'must be an id (UUID)'],
      ['input.registrationNumber', { registrationNumber: '  ' }, NUMBER_RULE],
      ['input.registrationNumber', { registrationNumber: 'Иванова' }, NUMBER_RULE],
      ['input.registrationNumber', { registrationNumber: 'Мария Иванова 42' }, NUMBER_RULE],
      ['input.registrationNumber', { registrationNumber: `В${'0'.repeat(32)}` }, NUMBER_RULE],
      ['input.activityKinds', { activityKinds: [] }, 'must name at least one activity'],
      [
        'input.activityKinds[2]',
        { activityKinds: ['CHILD_LEISURE', 'EVENTS', 'CHILD_LEISURE'] },
        'repeats input.activityKinds[0]',
      ],
      ['input.startedOn', { startedOn: FUTURE }, 'must not be in the future'],
    ])('refuses a volunteer whose %s breaks its rule, and writes nothing', async (field, override, rule) => {
      await expectRefusedWithoutWriting(() => ngo.query(REGISTER, { input: { ...valid(), ...override } }), {
        code: 'BAD_USER_INPUT',
        field,
        rule,
      })
    })

    it('answers CONFLICT when an active volunteer of the provider already has the number, and writes nothing', async () => {
      const provider = randomUUID()
      const holder = await insertVolunteer(ngo.db, provider, { registration_number: 'ВОЛ-0042' })
      await expectRefusedWithoutWriting(() => ngo.query(REGISTER, { input: valid(provider) }), {
        code: 'CONFLICT',
        field: 'input.registrationNumber',
        rule: holder.id,
      })
    })
  })

  it('lets only one of two simultaneous registrations of a number through and answers the other with CONFLICT', async () => {
    const input = {
      providerId: randomUUID(),
      registrationNumber: 'ВОЛ-0100',
      activityKinds: ['EVENTS'],
      startedOn: '2026-09-15',
    }
    const responses = await Promise.all([ngo.query(REGISTER, { input }), ngo.query(REGISTER, { input })])
    expect(responses.filter((response) => response.errors === undefined)).toHaveLength(1)
    expect(responses.flatMap((response) => response.errors ?? []).map((error) => error.extensions?.code)).toEqual([
      'CONFLICT',
    ])
    expect(await volunteersOf(input.providerId)).toHaveLength(1)
  })

  describe('endVolunteer', () => {
    it('ends a volunteer, who stays on the provider with the end date', async () => {
      const provider = randomUUID()
      const volunteer = await insertVolunteer(ngo.db, provider, { started_on: '2026-02-01' })
      await insertVolunteerHours(ngo.db, volunteer.id, { worked_on: '2026-05-12' })
      const ended = await ngo.query(END, { input: { volunteerId: volunteer.id, endedOn: '2026-05-12' } })
      expect(ended.errors).toBeUndefined()
      expect(ended.data?.endVolunteer).toEqual({ id: volunteer.id, startedOn: '2026-02-01', endedOn: '2026-05-12' })
      expect(await volunteersOf(provider)).toEqual([
        expect.objectContaining({ id: volunteer.id, endedOn: '2026-05-12' }),
      ])
    })

    it.each([
      ['input.volunteerId', { volunteerId: 'ВОЛ-0042' }, 'must be an id (UUID)'],
      ['input.endedOn', { endedOn: FUTURE }, 'must not be in the future'],
      ['input.endedOn', { endedOn: '2026-01-31' }, 'must not be before the volunteer’s startedOn'],
      ['input.endedOn', { endedOn: '2026-05-11' }, 'must not be before the last day with recorded hours (2026-05-12)'],
    ])('refuses an end whose %s breaks its rule, and writes nothing', async (field, override, rule) => {
      const volunteer = await insertVolunteer(ngo.db, randomUUID(), { started_on: '2026-02-01' })
      await insertVolunteerHours(ngo.db, volunteer.id, { worked_on: '2026-05-12' })
      const input = { volunteerId: volunteer.id, endedOn: '2026-09-01', ...override }
      await expectRefusedWithoutWriting(() => ngo.query(END, { input }), { code: 'BAD_USER_INPUT', field, rule })
    })

    it('answers CONFLICT when the volunteer has already ended, and writes nothing', async () => {
      const volunteer = await insertVolunteer(ngo.db, randomUUID(), { ended_on: '2026-06-30' })
      const input = { volunteerId: volunteer.id, endedOn: '2026-09-01' }
      await expectRefusedWithoutWriting(() => ngo.query(END, { input }), {
        code: 'CONFLICT',
        field: 'input.volunteerId',
        rule: 'already ended on 2026-06-30',
      })
    })

    it('answers NOT_FOUND for a volunteer that does not exist, and writes nothing', async () => {
      const input = { volunteerId: randomUUID(), endedOn: '2026-09-01' }
      await expectRefusedWithoutWriting(() => ngo.query(END, { input }), {
        code: 'NOT_FOUND',
        field: 'input.volunteerId',
      })
    })
  })

  describe('recordVolunteerHours', () => {
    it('records hours for a day and adds them to the volunteer’s total', async () => {
      const provider = randomUUID()
      const volunteer = await insertVolunteer(ngo.db, provider)
      await insertVolunteerHours(ngo.db, volunteer.id, { worked_on: '2026-05-12', minutes: 150 })
      const recorded = await ngo.query<{ recordVolunteerHours: { id: string } }>(HOURS, {
        input: { volunteerId: volunteer.id, workedOn: '2026-11-01', hours: 1.75, activity: 'TRANSPORT' },
      })
      expect(recorded.errors).toBeUndefined()
      expect(recorded.data?.recordVolunteerHours).toEqual({
        id: recorded.data!.recordVolunteerHours.id,
        workedOn: '2026-11-01',
        hours: 1.75,
        activity: 'TRANSPORT',
        volunteer: { id: volunteer.id, totalHours: 4.25 },
      })
      expect(await volunteersOf(provider)).toEqual([
        expect.objectContaining({
          totalHours: 4.25,
          hours: [
            { workedOn: '2026-11-01', hours: 1.75, activity: 'TRANSPORT' },
            { workedOn: '2026-05-12', hours: 2.5, activity: 'FAMILY_SUPPORT' },
          ],
        }),
      ])
    })

    const QUARTERS = 'must be from 0.25 to 24 hours in steps of a quarter of an hour'

    it.each([
      ['input.volunteerId', { volunteerId: '0042' }, 'must be an id (UUID)'],
      ['input.workedOn', { workedOn: FUTURE }, 'must not be in the future'],
      ['input.hours', { hours: 0 }, QUARTERS],
      ['input.hours', { hours: 24.25 }, QUARTERS],
      ['input.hours', { hours: 1.1 }, QUARTERS],
      ['input.hours', { hours: -2 }, QUARTERS],
      ['input.workedOn', { workedOn: '2026-01-31' }, 'must not be before the volunteer’s startedOn'],
      ['input.workedOn', { workedOn: '2026-07-01' }, 'must not be after the volunteer’s endedOn (2026-06-30)'],
      [
        'input.activity',
        { activity: 'EVENTS' },
        'must be one of the volunteer’s activityKinds (FAMILY_SUPPORT, TRANSPORT)',
      ],
    ])('refuses hours whose %s breaks its rule, and writes nothing', async (field, override, rule) => {
      const volunteer = await insertVolunteer(ngo.db, randomUUID(), {
        started_on: '2026-02-01',
        ended_on: '2026-06-30',
      })
      const input = {
        volunteerId: volunteer.id,
        workedOn: '2026-05-20',
        hours: 2,
        activity: 'FAMILY_SUPPORT',
        ...override,
      }
      await expectRefusedWithoutWriting(() => ngo.query(HOURS, { input }), { code: 'BAD_USER_INPUT', field, rule })
    })

    it('answers NOT_FOUND for hours of a volunteer that does not exist, and writes nothing', async () => {
      const input = { volunteerId: randomUUID(), workedOn: '2026-05-20', hours: 2, activity: 'FAMILY_SUPPORT' }
      await expectRefusedWithoutWriting(() => ngo.query(HOURS, { input }), {
        code: 'NOT_FOUND',
        field: 'input.volunteerId',
      })
    })
  })
})
