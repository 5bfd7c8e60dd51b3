import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import {
  insertMeeting,
  insertParentGroup,
  insertParticipation,
  insertSession,
  insertVolunteer,
  insertVolunteerHours,
} from './support/factories.js'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { ngoSubgraph } from './support/subgraph.js'

const SELECTION = `fragment Selection on Child {
  id
  ngo {
    sessions { provider { id } service { code } durationMinutes mode attended }
    parentGroupParticipations { joinedOn group { name provider { id } municipality { oktmo } } }
  }
}`

const PROVIDER_SELECTION = `fragment Selection on Provider {
  id
  parentGroups { name activeParticipantCount meetings { attendingFamilies } }
  volunteers { registrationNumber totalHours hours { hours } }
}`

describe.each(backends)('ngo subgraph (%s)', (backend) => {
  let ngo: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    ngo = await startSubgraphForTest<DB>(ngoSubgraph, backend)
  })
  afterAll(() => ngo?.stop())

  it('resolves Child by id with the family id it requires, sessions and parent-group participation', async () => {
    const child = randomUUID()
    const orphan = randomUUID()
    const family = randomUUID()
    const provider = randomUUID()
    await insertSession(ngo.db, child, provider, { mode: 'REMOTE', attended: false })
    const group = await insertParentGroup(ngo.db, provider)
    await insertParticipation(ngo.db, group.id, family)
    ngo.statements.length = 0

    const response = await ngo.entities(
      [
        { __typename: 'Child', id: child, family: { id: family } },
        { __typename: 'Child', id: orphan, family: null },
      ],
      SELECTION,
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?._entities).toEqual([
      {
        __typename: 'Child',
        id: child,
        ngo: {
          sessions: [
            {
              provider: { id: provider },
              service: { code: 'COMMUNICATION_SPEECH' },
              durationMinutes: 45,
              mode: 'REMOTE',
              attended: false,
            },
          ],
          parentGroupParticipations: [
            {
              joinedOn: '2026-03-01',
              group: { name: 'Клуб «Вместе»', provider: { id: provider }, municipality: { oktmo: '71800000' } },
            },
          ],
        },
      },
      { __typename: 'Child', id: orphan, ngo: { sessions: [], parentGroupParticipations: [] } },
    ])
    expect(countByTable(ngo.statements)).toEqual({ ngo_session: 1, parent_group_participation: 1, parent_group: 1 })
  })

  it('resolves Provider by id with its parent groups and volunteers, in key order, one statement per table', async () => {
    const providers = [randomUUID(), randomUUID(), randomUUID()]
    const unknown = randomUUID()
    for (const [index, provider] of providers.entries()) {
      const group = await insertParentGroup(ngo.db, provider, { name: `Группа ${index}` })
      await insertMeeting(ngo.db, group.id, { attending_families: index })
      await insertParticipation(ngo.db, group.id, randomUUID())
      const volunteer = await insertVolunteer(ngo.db, provider, { registration_number: `ВОЛ-${index}` })
      await insertVolunteerHours(ngo.db, volunteer.id, { minutes: 60 * (index + 1) })
    }
    ngo.statements.length = 0

    const response = await ngo.entities(
      [providers[2], unknown, providers[0], providers[1]].map((id) => ({ __typename: 'Provider', id })),
      PROVIDER_SELECTION,
    )
    expect(response.errors).toBeUndefined()
    const expected = (index: number) => ({
      __typename: 'Provider',
      id: providers[index],
      parentGroups: [{ name: `Группа ${index}`, activeParticipantCount: 1, meetings: [{ attendingFamilies: index }] }],
      volunteers: [{ registrationNumber: `ВОЛ-${index}`, totalHours: index + 1, hours: [{ hours: index + 1 }] }],
    })
    expect(response.data?._entities).toEqual([
      expected(2),
      // Ngo does not hold the provider registry: a provider it knows nothing of simply has nothing here.
      { __typename: 'Provider', id: unknown, parentGroups: [], volunteers: [] },
      expected(0),
      expected(1),
    ])
    expect(countByTable(ngo.statements)).toEqual({
      parent_group: 1,
      parent_group_meeting: 1,
      parent_group_participation: 1,
      volunteer: 1,
      volunteer_hours: 1,
    })
  })
})
