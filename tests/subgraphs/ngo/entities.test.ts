import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../../subgraphs/ngo/src/db/database.js'
import { backends } from '../../support/databases.js'
import { insertParentGroup, insertParticipation, insertSession } from '../../support/factories/ngo.js'
import { countByTable } from '../../support/statements.js'
import { startSubgraphForTest } from '../../support/subgraph.js'

const SELECTION = `fragment Selection on Child {
  id
  ngo {
    sessions { provider { id } service { code } durationMinutes mode attended }
    parentGroupParticipations { joinedOn group { name provider { id } municipality { oktmo } } }
  }
}`

describe.each(backends)('ngo subgraph (%s)', (backend) => {
  let ngo: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    ngo = await startSubgraphForTest<DB>('ngo', backend)
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
})
