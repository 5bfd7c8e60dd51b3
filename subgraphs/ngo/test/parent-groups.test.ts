import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertMeeting, insertParentGroup, insertParticipation } from './support/factories.js'
import type { GraphQLResponse } from '@hub/testing/graphql'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRejected, FUTURE, snapshot } from '@hub/testing/writes'
import { ngoSubgraph } from './support/subgraph.js'

const CREATE = /* GraphQL */ `
  mutation ($input: CreateParentGroupInput!) {
    createParentGroup(input: $input) {
      id
      name
      provider {
        id
      }
      municipality {
        oktmo
      }
      format
      startedOn
      activeParticipantCount
      meetings {
        id
      }
    }
  }
`

const MEETING = /* GraphQL */ `
  mutation ($input: RecordParentGroupMeetingInput!) {
    recordParentGroupMeeting(input: $input) {
      id
      heldOn
      topic
      format
      attendingFamilies
      group {
        id
        name
      }
    }
  }
`

const JOIN = /* GraphQL */ `
  mutation ($input: JoinParentGroupInput!) {
    joinParentGroup(input: $input) {
      id
      joinedOn
      leftOn
      family {
        id
      }
      group {
        id
        activeParticipantCount
      }
    }
  }
`

const LEAVE = /* GraphQL */ `
  mutation ($input: LeaveParentGroupInput!) {
    leaveParentGroup(input: $input) {
      id
      joinedOn
      leftOn
      group {
        id
        activeParticipantCount
      }
    }
  }
`

const GROUPS = /* GraphQL */ `
  query ($municipality: ID) {
    parentGroups(municipality: $municipality) {
      id
      name
      format
      startedOn
      provider {
        id
      }
      municipality {
        oktmo
      }
      activeParticipantCount
      meetings {
        heldOn
        topic
        format
        attendingFamilies
        group {
          id
        }
      }
    }
  }
`

const PARTICIPATIONS = `fragment Selection on Child {
  ngo { parentGroupParticipations { id joinedOn leftOn family { id } group { id } } }
}`

let lastOktmo = 40_000_000
/** A municipality no other test uses, so that a list holds only this test's groups. */
function freshOktmo() {
  lastOktmo += 1
  return String(lastOktmo)
}

describe.each(backends)('parent mutual-help groups (%s)', (backend) => {
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

  describe('createParentGroup', () => {
    const valid = () => ({
      providerId: randomUUID(),
      name: '  Клуб «Растём вместе»  ',
      municipality: freshOktmo(),
      format: 'MIXED',
      startedOn: '2026-09-01',
    })

    it('creates a group and lists it in its municipality with no meetings and no participants', async () => {
      const input = valid()
      const created = await ngo.query<{ createParentGroup: { id: string } }>(CREATE, { input })
      expect(created.errors).toBeUndefined()
      const expected = {
        id: created.data!.createParentGroup.id,
        name: 'Клуб «Растём вместе»',
        provider: { id: input.providerId },
        municipality: { oktmo: input.municipality },
        format: 'MIXED',
        startedOn: '2026-09-01',
        activeParticipantCount: 0,
        meetings: [],
      }
      expect(created.data?.createParentGroup).toEqual(expected)

      const listed = await ngo.query(GROUPS, { municipality: input.municipality })
      expect(listed.errors).toBeUndefined()
      expect(listed.data?.parentGroups).toEqual([expected])
    })

    it.each([
      ['input.providerId', { providerId: 'provider-7' }, 'must be an id (UUID)'],
      ['input.name', { name: '   ' }, 'must not be empty'],
      ['input.name', { name: 'Г'.repeat(201) }, 'must be at most 200 characters'],
      ['input.municipality', { municipality: '7180000' }, 'must be an ОКТМО code of 8 digits'],
      ['input.municipality', { municipality: '7180000A' }, 'must be an ОКТМО code of 8 digits'],
      ['input.startedOn', { startedOn: FUTURE }, 'must not be in the future'],
    ])('refuses a group whose %s breaks its rule, and writes nothing', async (field, override, rule) => {
      await expectRefusedWithoutWriting(() => ngo.query(CREATE, { input: { ...valid(), ...override } }), {
        code: 'BAD_USER_INPUT',
        field,
        rule,
      })
    })
  })

  describe('recordParentGroupMeeting', () => {
    it('records a meeting as a number of families and shows it on the group, newest first', async () => {
      const oktmo = freshOktmo()
      const group = await insertParentGroup(ngo.db, randomUUID(), { municipality_oktmo: oktmo })
      await insertMeeting(ngo.db, group.id, { held_on: '2026-03-05' })

      const recorded = await ngo.query(MEETING, {
        input: {
          groupId: group.id,
          heldOn: '2026-11-02',
          topic: 'Игры для развития речи',
          format: 'REMOTE',
          attendingFamilies: 0,
        },
      })
      expect(recorded.errors).toBeUndefined()
      expect(recorded.data?.recordParentGroupMeeting).toMatchObject({
        heldOn: '2026-11-02',
        topic: 'Игры для развития речи',
        format: 'REMOTE',
        attendingFamilies: 0,
        group: { id: group.id, name: group.name },
      })

      const listed = await ngo.query<{ parentGroups: { meetings: unknown[] }[] }>(GROUPS, { municipality: oktmo })
      expect(listed.data?.parentGroups[0]?.meetings).toEqual([
        {
          heldOn: '2026-11-02',
          topic: 'Игры для развития речи',
          format: 'REMOTE',
          attendingFamilies: 0,
          group: { id: group.id },
        },
        {
          heldOn: '2026-03-05',
          topic: 'Режим дня ребёнка раннего возраста',
          format: 'IN_PERSON',
          attendingFamilies: 6,
          group: { id: group.id },
        },
      ])
    })

    const meeting = (groupId: string) => ({
      groupId,
      heldOn: '2026-10-20',
      topic: 'Сон ребёнка',
      format: 'IN_PERSON',
      attendingFamilies: 5,
    })

    it.each([
      ['input.groupId', { groupId: '42' }, 'must be an id (UUID)'],
      ['input.heldOn', { heldOn: FUTURE }, 'must not be in the future'],
      ['input.topic', { topic: ' ' }, 'must not be empty'],
      ['input.attendingFamilies', { attendingFamilies: -1 }, 'must be a whole number of at least 0'],
      ['input.heldOn', { heldOn: '2026-01-14' }, 'must not be before the group’s startedOn'],
    ])('refuses a meeting whose %s breaks its rule, and writes nothing', async (field, override, rule) => {
      const group = await insertParentGroup(ngo.db, randomUUID(), { started_on: '2026-01-15' })
      await expectRefusedWithoutWriting(() => ngo.query(MEETING, { input: { ...meeting(group.id), ...override } }), {
        code: 'BAD_USER_INPUT',
        field,
        rule,
      })
    })

    it('answers NOT_FOUND for a meeting of a group that does not exist, and writes nothing', async () => {
      await expectRefusedWithoutWriting(() => ngo.query(MEETING, { input: meeting(randomUUID()) }), {
        code: 'NOT_FOUND',
        field: 'input.groupId',
      })
    })
  })

  describe('joinParentGroup', () => {
    it('records a family joining a group, shown in the child’s participation and in the group’s count', async () => {
      const group = await insertParentGroup(ngo.db, randomUUID())
      const family = randomUUID()
      const joined = await ngo.query<{ joinParentGroup: { id: string } }>(JOIN, {
        input: { familyId: family, groupId: group.id, joinedOn: '2026-10-01' },
      })
      expect(joined.errors).toBeUndefined()
      const id = joined.data!.joinParentGroup.id
      expect(joined.data?.joinParentGroup).toEqual({
        id,
        joinedOn: '2026-10-01',
        leftOn: null,
        family: { id: family },
        group: { id: group.id, activeParticipantCount: 1 },
      })

      const child = await ngo.entities(
        [{ __typename: 'Child', id: randomUUID(), family: { id: family } }],
        PARTICIPATIONS,
      )
      expect(child.data?._entities[0]).toEqual({
        __typename: 'Child',
        ngo: {
          parentGroupParticipations: [
            { id, joinedOn: '2026-10-01', leftOn: null, family: { id: family }, group: { id: group.id } },
          ],
        },
      })
    })

    it('lets a family that left join the same group again from the day it left', async () => {
      const group = await insertParentGroup(ngo.db, randomUUID())
      const family = randomUUID()
      await insertParticipation(ngo.db, group.id, family, { joined_on: '2026-02-01', left_on: '2026-06-30' })
      const joined = await ngo.query(JOIN, { input: { familyId: family, groupId: group.id, joinedOn: '2026-06-30' } })
      expect(joined.errors).toBeUndefined()
      expect(joined.data?.joinParentGroup).toMatchObject({
        joinedOn: '2026-06-30',
        group: { activeParticipantCount: 1 },
      })
    })

    it.each([
      ['input.familyId', { familyId: 'family-1' }, 'must be an id (UUID)'],
      ['input.groupId', { groupId: 'group-1' }, 'must be an id (UUID)'],
      ['input.joinedOn', { joinedOn: FUTURE }, 'must not be in the future'],
      ['input.joinedOn', { joinedOn: '2026-01-14' }, 'must not be before the group’s startedOn'],
    ])('refuses a join whose %s breaks its rule, and writes nothing', async (field, override, rule) => {
      const group = await insertParentGroup(ngo.db, randomUUID(), { started_on: '2026-01-15' })
      const input = { familyId: randomUUID(), groupId: group.id, joinedOn: '2026-05-01', ...override }
      await expectRefusedWithoutWriting(() => ngo.query(JOIN, { input }), { code: 'BAD_USER_INPUT', field, rule })
    })

    it('refuses a join dated before the family last left the group, and writes nothing', async () => {
      const group = await insertParentGroup(ngo.db, randomUUID())
      const family = randomUUID()
      await insertParticipation(ngo.db, group.id, family, { joined_on: '2026-02-01', left_on: '2026-06-30' })
      const input = { familyId: family, groupId: group.id, joinedOn: '2026-06-01' }
      await expectRefusedWithoutWriting(() => ngo.query(JOIN, { input }), {
        code: 'BAD_USER_INPUT',
        field: 'input.joinedOn',
        rule: 'must not be before the family last left this group (2026-06-30)',
      })
    })

    it('answers CONFLICT when the family already takes part in the group, and writes nothing', async () => {
      const group = await insertParentGroup(ngo.db, randomUUID())
      const family = randomUUID()
      const active = await insertParticipation(ngo.db, group.id, family)
      const input = { familyId: family, groupId: group.id, joinedOn: '2026-10-01' }
      await expectRefusedWithoutWriting(() => ngo.query(JOIN, { input }), {
        code: 'CONFLICT',
        field: 'input.familyId',
        rule: active.id,
      })
    })

    it('lets only one of two simultaneous joins of a family through and answers the other with CONFLICT', async () => {
      const group = await insertParentGroup(ngo.db, randomUUID())
      const input = { familyId: randomUUID(), groupId: group.id, joinedOn: '2026-10-01' }
      const responses = await Promise.all([ngo.query(JOIN, { input }), ngo.query(JOIN, { input })])
      expect(responses.filter((response) => response.errors === undefined)).toHaveLength(1)
      expect(responses.flatMap((response) => response.errors ?? []).map((error) => error.extensions?.code)).toEqual([
        'CONFLICT',
      ])
      const listed = await ngo.query<{ parentGroups: { id: string; activeParticipantCount: number }[] }>(GROUPS, {
        municipality: group.municipality_oktmo,
      })
      expect(listed.data?.parentGroups.find((listedGroup) => listedGroup.id === group.id)?.activeParticipantCount).toBe(
        1,
      )
    })

    it('answers NOT_FOUND for a group that does not exist, and writes nothing', async () => {
      const input = { familyId: randomUUID(), groupId: randomUUID(), joinedOn: '2026-10-01' }
      await expectRefusedWithoutWriting(() => ngo.query(JOIN, { input }), { code: 'NOT_FOUND', field: 'input.groupId' })
    })
  })

  describe('leaveParentGroup', () => {
    it('records a family leaving, shown in the child’s participation and no longer counted in the group', async () => {
      const group = await insertParentGroup(ngo.db, randomUUID())
      const family = randomUUID()
      const participation = await insertParticipation(ngo.db, group.id, family, { joined_on: '2026-03-01' })
      const left = await ngo.query(LEAVE, { input: { participationId: participation.id, leftOn: '2026-03-01' } })
      expect(left.errors).toBeUndefined()
      expect(left.data?.leaveParentGroup).toEqual({
        id: participation.id,
        joinedOn: '2026-03-01',
        leftOn: '2026-03-01',
        group: { id: group.id, activeParticipantCount: 0 },
      })

      const child = await ngo.entities(
        [{ __typename: 'Child', id: randomUUID(), family: { id: family } }],
        PARTICIPATIONS,
      )
      expect(child.data?._entities[0]).toEqual({
        __typename: 'Child',
        ngo: {
          parentGroupParticipations: [
            {
              id: participation.id,
              joinedOn: '2026-03-01',
              leftOn: '2026-03-01',
              family: { id: family },
              group: { id: group.id },
            },
          ],
        },
      })
    })

    it.each([
      ['input.participationId', { participationId: 'p-1' }, 'must be an id (UUID)'],
      ['input.leftOn', { leftOn: FUTURE }, 'must not be in the future'],
      ['input.leftOn', { leftOn: '2026-02-28' }, 'must not be before joinedOn'],
    ])('refuses a leave whose %s breaks its rule, and writes nothing', async (field, override, rule) => {
      const group = await insertParentGroup(ngo.db, randomUUID())
      const participation = await insertParticipation(ngo.db, group.id, randomUUID(), { joined_on: '2026-03-01' })
      const input = { participationId: participation.id, leftOn: '2026-09-01', ...override }
      await expectRefusedWithoutWriting(() => ngo.query(LEAVE, { input }), { code: 'BAD_USER_INPUT', field, rule })
    })

    it('answers CONFLICT when the family has already left, and writes nothing', async () => {
      const group = await insertParentGroup(ngo.db, randomUUID())
      const participation = await insertParticipation(ngo.db, group.id, randomUUID(), { left_on: '2026-05-01' })
      const input = { participationId: participation.id, leftOn: '2026-09-01' }
      await expectRefusedWithoutWriting(() => ngo.query(LEAVE, { input }), {
        code: 'CONFLICT',
        field: 'input.participationId',
        rule: 'already left this group on 2026-05-01',
      })
    })

    it('answers NOT_FOUND for a participation that does not exist, and writes nothing', async () => {
      const input = { participationId: randomUUID(), leftOn: '2026-09-01' }
      await expectRefusedWithoutWriting(() => ngo.query(LEAVE, { input }), {
        code: 'NOT_FOUND',
        field: 'input.participationId',
      })
    })
  })

  describe('parentGroups', () => {
    it('lists the groups of every municipality, by name, when no municipality is given', async () => {
      const provider = randomUUID()
      const first = await insertParentGroup(ngo.db, provider, { name: 'Аист', municipality_oktmo: freshOktmo() })
      const second = await insertParentGroup(ngo.db, provider, { name: 'Аист', municipality_oktmo: freshOktmo() })
      const listed = await ngo.query<{ parentGroups: { id: string; name: string }[] }>(GROUPS)
      expect(listed.errors).toBeUndefined()
      const groups = listed.data!.parentGroups
      expect(groups.map((group) => group.id)).toEqual(expect.arrayContaining([first.id, second.id]))
      const names = groups.map((group) => group.name)
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    })

    it('keeps the format and start of groups recorded before they were kept as null', async () => {
      const oktmo = freshOktmo()
      await insertParentGroup(ngo.db, randomUUID(), { municipality_oktmo: oktmo, format: null, started_on: null })
      const listed = await ngo.query(GROUPS, { municipality: oktmo })
      expect(listed.data?.parentGroups).toEqual([expect.objectContaining({ format: null, startedOn: null })])
    })

    it('refuses a municipality that is not an ОКТМО code', async () => {
      const listed = await ngo.query(GROUPS, { municipality: '718' })
      expectRejected(listed, {
        code: 'BAD_USER_INPUT',
        field: 'municipality',
        rule: 'must be an ОКТМО code of 8 digits',
      })
    })

    it('loads meetings and participant counts of many groups in one statement per table', async () => {
      const oktmo = freshOktmo()
      for (let i = 0; i < 5; i++) {
        const group = await insertParentGroup(ngo.db, randomUUID(), { name: `Группа ${i}`, municipality_oktmo: oktmo })
        await insertMeeting(ngo.db, group.id)
        await insertMeeting(ngo.db, group.id, { held_on: '2026-05-10' })
        for (let j = 0; j < i; j++) await insertParticipation(ngo.db, group.id, randomUUID())
        await insertParticipation(ngo.db, group.id, randomUUID(), { left_on: '2026-04-01' })
      }
      ngo.statements.length = 0

      const listed = await ngo.query<{
        parentGroups: { name: string; activeParticipantCount: number; meetings: unknown[] }[]
      }>(GROUPS, { municipality: oktmo })
      expect(listed.errors).toBeUndefined()
      expect(
        listed.data?.parentGroups.map((group) => [group.name, group.activeParticipantCount, group.meetings.length]),
      ).toEqual([
        ['Группа 0', 0, 2],
        ['Группа 1', 1, 2],
        ['Группа 2', 2, 2],
        ['Группа 3', 3, 2],
        ['Группа 4', 4, 2],
      ])
      expect(countByTable(ngo.statements)).toEqual({
        parent_group: 1,
        parent_group_meeting: 1,
        parent_group_participation: 1,
      })
    })
  })
})
