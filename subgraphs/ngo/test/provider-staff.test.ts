import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { insertParentGroup, insertParticipation, insertVolunteer } from './support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRejected, snapshot } from '@hub/testing/writes'
import { ngoSubgraph } from './support/subgraph.js'

const MEETING = /* GraphQL */ `
  mutation ($input: RecordParentGroupMeetingInput!) {
    recordParentGroupMeeting(input: $input) {
      attendingFamilies
    }
  }
`
const JOIN = /* GraphQL */ `
  mutation ($input: JoinParentGroupInput!) {
    joinParentGroup(input: $input) {
      joinedOn
    }
  }
`
const LEAVE = /* GraphQL */ `
  mutation ($input: LeaveParentGroupInput!) {
    leaveParentGroup(input: $input) {
      leftOn
    }
  }
`
const HOURS = /* GraphQL */ `
  mutation ($input: RecordVolunteerHoursInput!) {
    recordVolunteerHours(input: $input) {
      hours
    }
  }
`
const END = /* GraphQL */ `
  mutation ($input: EndVolunteerInput!) {
    endVolunteer(input: $input) {
      endedOn
    }
  }
`

describe.each(backends)('a provider’s staff and their own groups and volunteers (%s)', (backend) => {
  let ngo: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  const ours = randomUUID()
  const theirs = randomUUID()
  const staff = viewers.specialist('ngo', ours)

  beforeAll(async () => {
    ngo = await startSubgraphForTest<DB>(ngoSubgraph, backend)
  })
  afterAll(() => ngo?.stop())

  /** The five mutations on a group and a volunteer of `provider`, each with the field that names its record. */
  async function writesOf(provider: string) {
    const group = await insertParentGroup(ngo.db, provider)
    const left = await insertParticipation(ngo.db, group.id, randomUUID())
    const volunteer = await insertVolunteer(ngo.db, provider)
    const ended = await insertVolunteer(ngo.db, provider, { registration_number: 'ВОЛ-0043' })
    return [
      {
        query: MEETING,
        input: { groupId: group.id, heldOn: '2026-10-01', topic: 'Сон', format: 'IN_PERSON', attendingFamilies: 4 },
        field: 'input.groupId',
      },
      {
        query: JOIN,
        input: { familyId: randomUUID(), groupId: group.id, joinedOn: '2026-10-01' },
        field: 'input.groupId',
      },
      { query: LEAVE, input: { participationId: left.id, leftOn: '2026-10-02' }, field: 'input.participationId' },
      {
        query: HOURS,
        input: { volunteerId: volunteer.id, workedOn: '2026-10-01', hours: 2, activity: 'TRANSPORT' },
        field: 'input.volunteerId',
      },
      { query: END, input: { volunteerId: ended.id, endedOn: '2026-10-03' }, field: 'input.volunteerId' },
    ]
  }

  it('records meetings, joins, leaves, hours and ends of their own organisation', async () => {
    for (const write of await writesOf(ours)) {
      const answer = await ngo.query(write.query, { input: write.input }, staff)
      expect(answer.errors).toBeUndefined()
      expect(answer.data).not.toBeNull()
    }
  })

  it('refuses each of them for another provider’s group or volunteer, naming its field, and writes nothing', async () => {
    for (const write of await writesOf(theirs)) {
      const before = await snapshot(ngo.db)
      expectRejected(await ngo.query(write.query, { input: write.input }, staff), {
        code: 'FORBIDDEN',
        field: write.field,
        rule: "must be of the caller's own organisation",
      })
      expect(await snapshot(ngo.db)).toEqual(before)
    }
  })

  it('still lets ngo’s own staff, who carry no organisation, record for any provider', async () => {
    for (const write of await writesOf(randomUUID())) {
      const answer = await ngo.query(write.query, { input: write.input }, viewers.specialist('ngo'))
      expect(answer.errors).toBeUndefined()
    }
  })
})
