import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../subgraphs/ngo/src/db/database.js'
import { backends } from '../../support/databases.js'
import { startSubgraphForTest } from '../../support/subgraph.js'
import { expectRejected, FUTURE, snapshot } from '../../support/writes.js'

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
      attended
      cancellationReason
    }
  }
`

const SESSIONS = `fragment Selection on Child {
  ngo { sessions { id provider { id } service { code } deliveredOn durationMinutes mode attended cancellationReason } }
}`

describe.each(backends)('sessions of non-state providers (%s)', (backend) => {
  let ngo: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    ngo = await startSubgraphForTest<DB>('ngo', backend)
  })
  afterAll(() => ngo?.stop())

  const valid = (child = randomUUID(), provider = randomUUID()) => ({
    childId: child,
    providerId: provider,
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

  it('records an attended session and shows it among the child’s sessions', async () => {
    const child = randomUUID()
    const provider = randomUUID()
    const recorded = await ngo.query<{ recordNgoSession: { id: string } }>(RECORD, { input: valid(child, provider) })
    expect(recorded.errors).toBeUndefined()
    const session = {
      id: recorded.data!.recordNgoSession.id,
      provider: { id: provider },
      service: { code: 'COMMUNICATION_SPEECH' },
      deliveredOn: '2026-11-20',
      durationMinutes: 45,
      mode: 'AT_HOME',
      attended: true,
      cancellationReason: null,
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
    ['input.providerId', { providerId: 'ООО «Шаг»' }, 'must be an id (UUID)'],
    ['input.serviceCode', { serviceCode: 'РЕЧЬ' }, 'must be a service code of the regional catalogue'],
    ['input.serviceCode', { serviceCode: '' }, 'must be a service code of the regional catalogue'],
    ['input.deliveredOn', { deliveredOn: FUTURE }, 'must not be in the future'],
    ['input.durationMinutes', { durationMinutes: 0 }, 'must be a whole number from 1 to 480'],
    ['input.durationMinutes', { durationMinutes: 481 }, 'must be a whole number from 1 to 480'],
    ['input.cancellationReason', { attended: false }, 'is required when the session did not take place'],
    ['input.cancellationReason', { cancellationReason: 'OTHER' }, 'must be empty when the session took place'],
  ])('refuses a session whose %s breaks its rule, and writes nothing', async (field, override, rule) => {
    const before = await snapshot(ngo.db)
    expectRejected(await ngo.query(RECORD, { input: { ...valid(), ...override } }), {
      code: 'BAD_USER_INPUT',
      field,
      rule,
    })
    expect(await snapshot(ngo.db)).toEqual(before)
  })
})
