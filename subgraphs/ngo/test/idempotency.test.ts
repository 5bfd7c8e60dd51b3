import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../src/db/database.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { insertVolunteer } from './support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectRejected, snapshot } from '@hub/testing/writes'
import { ngoSubgraph } from './support/subgraph.js'

const CREATE_GROUP = /* GraphQL */ `
  mutation ($input: CreateParentGroupInput!) {
    createParentGroup(input: $input) {
      id
      name
      format
      activeParticipantCount
    }
  }
`
const HOURS = /* GraphQL */ `
  mutation ($input: RecordVolunteerHoursInput!) {
    recordVolunteerHours(input: $input) {
      id
      hours
      volunteer {
        totalHours
      }
    }
  }
`

describe.each(backends)('idempotent creating mutations of ngo (%s)', (backend) => {
  let ngo: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    ngo = await startSubgraphForTest<DB>(ngoSubgraph, backend)
  })
  afterAll(() => ngo?.stop())

  const group = () => ({
    providerId: randomUUID(),
    name: 'Клуб «Растём вместе»',
    municipality: '71800000',
    format: 'MIXED',
    startedOn: '2026-09-01',
    idempotencyKey: randomUUID(),
  })

  it('answers a retried parent group with the group it created, writing nothing more', async () => {
    const input = group()
    const first = await ngo.query(CREATE_GROUP, { input })
    expect(first.errors).toBeUndefined()
    const before = await snapshot(ngo.db)
    expect(await ngo.query(CREATE_GROUP, { input })).toEqual(first)
    expect(await snapshot(ngo.db)).toEqual(before)
  })

  it('counts a volunteer’s retried hours once', async () => {
    const volunteer = await insertVolunteer(ngo.db, randomUUID())
    const input = {
      volunteerId: volunteer.id,
      workedOn: '2026-11-01',
      hours: 1.5,
      activity: 'TRANSPORT',
      idempotencyKey: randomUUID(),
    }
    const answers = await Promise.all([ngo.query(HOURS, { input }), ngo.query(HOURS, { input })])
    expect(answers[0].errors).toBeUndefined()
    expect(answers[1]).toEqual(answers[0])
    expect(answers[0].data).toMatchObject({ recordVolunteerHours: { hours: 1.5, volunteer: { totalHours: 1.5 } } })
  })

  it('gives another caller with the same key a group of its own', async () => {
    const input = group()
    const mine = await ngo.query<{ createParentGroup: { id: string } }>(CREATE_GROUP, { input })
    const theirs = await ngo.query<{ createParentGroup: { id: string } }>(
      CREATE_GROUP,
      { input },
      viewers.specialist('ngo'),
    )
    expect(theirs.errors).toBeUndefined()
    expect(theirs.data!.createParentGroup.id).not.toBe(mine.data!.createParentGroup.id)
  })

  it('refuses the key of one group on another, writing nothing', async () => {
    const input = group()
    await ngo.query(CREATE_GROUP, { input })
    const before = await snapshot(ngo.db)
    const response = await ngo.query(CREATE_GROUP, { input: { ...input, format: 'REMOTE' } })
    expectRejected(response, { code: 'CONFLICT', field: 'input.idempotencyKey', rule: 'createParentGroup' })
    expect(await snapshot(ngo.db)).toEqual(before)
  })
})
