import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertChild, insertCriterion, insertFamily } from '../support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { socialSubgraph } from '../support/subgraph.js'

const CHANGE = /* GraphQL */ `
  mutation ($input: ChangeRegistryStatusInput!) {
    changeRegistryStatus(input: $input) {
      registryStatus
      statusHistory {
        fromStatus
        toStatus
        reason
      }
    }
  }
`
const RECORD_SITUATION = /* GraphQL */ `
  mutation ($input: RecordFamilySituationInput!) {
    recordFamilySituation(input: $input) {
      id
      kind
      endedOn
    }
  }
`
const END_SITUATION = /* GraphQL */ `
  mutation ($input: EndFamilySituationInput!) {
    endFamilySituation(input: $input) {
      id
      endedOn
    }
  }
`
const CRITERIA = /* GraphQL */ `
  query ($id: ID!) {
    child(id: $id) {
      criteria {
        id
        code
        source
        validFrom
        validTo
        active
      }
    }
  }
`

function isoDaysAgo(days: number) {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
}

describe.each(backends)('the registry pathway (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
  })
  afterAll(() => social?.stop())

  it('moves a child along the pathway and keeps every step in its history', async () => {
    const child = await insertChild(social.db)
    for (const status of ['REFERRED', 'IN_NEED', 'PROGRAMME_ACTIVE', 'COMPLETED']) {
      const response = await social.query(CHANGE, { input: { childId: child.id, status, reason: `Шаг ${status}` } })
      expect(response.errors).toBeUndefined()
    }
    const last = await social.query<{
      changeRegistryStatus: { statusHistory: { fromStatus: string; toStatus: string }[] }
    }>(CHANGE, { input: { childId: child.id, status: 'EXITED', reason: 'Повторно' } })
    expect(last.errors?.[0]).toMatchObject({
      message: expect.stringContaining('input.status: a child in COMPLETED cannot move to EXITED'),
      extensions: { code: 'BAD_USER_INPUT' },
    })
    const { rows } = await sql<{ from_status: string | null; to_status: string }>`
      select from_status, to_status from registry_status_change where child_id = ${child.id} order by changed_at, id
    `.execute(social.db)
    expect(rows.map((row) => `${row.from_status}→${row.to_status}`)).toEqual([
      'POTENTIALLY_IN_NEED→REFERRED',
      'REFERRED→IN_NEED',
      'IN_NEED→PROGRAMME_ACTIVE',
      'PROGRAMME_ACTIVE→COMPLETED',
    ])
  })

  it('rejects a transition that skips need determination and changes nothing', async () => {
    const child = await insertChild(social.db)
    const response = await social.query(CHANGE, {
      input: { childId: child.id, status: 'PROGRAMME_ACTIVE', reason: 'x' },
    })
    expect(response.errors?.[0]?.message).toBe(
      'input.status: a child in POTENTIALLY_IN_NEED cannot move to PROGRAMME_ACTIVE; allowed: REFERRED, EXITED',
    )
    const reread = await social.query<{ child: { registryStatus: string } }>(
      'query ($id: ID!) { child(id: $id) { registryStatus } }',
      {
        id: child.id,
      },
    )
    expect(reread.data?.child.registryStatus).toBe('POTENTIALLY_IN_NEED')
  })

  it('answers NOT_FOUND for a child the registry does not hold', async () => {
    const response = await social.query(CHANGE, {
      input: { childId: '3f2b1c4e-8a9d-4e5f-9a0b-1c2d3e4f5a6b', status: 'REFERRED', reason: 'x' },
    })
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
  })

  it('gives the children under 3 of a family found in СОП the FAMILY_SOP criterion, and ends it with the decision', async () => {
    const family = await insertFamily(social.db)
    const baby = await insertChild(social.db, { family_id: family.id, birth_date: isoDaysAgo(300) })
    const older = await insertChild(social.db, { family_id: family.id, birth_date: isoDaysAgo(5 * 365) })
    const decidedOn = isoDaysAgo(30)

    const recorded = await social.query<{ recordFamilySituation: { id: string } }>(RECORD_SITUATION, {
      input: { familyId: family.id, kind: 'SOP', decisionNumber: 'КДН-2026/15', decidedOn },
    })
    expect(recorded.errors).toBeUndefined()
    const babyCriteria = await social.query<{
      child: { criteria: { code: string; validFrom: string; active: boolean }[] }
    }>(CRITERIA, { id: baby.id })
    expect(babyCriteria.data?.child.criteria).toEqual([
      expect.objectContaining({
        code: 'FAMILY_SOP',
        source: 'SOCIAL',
        validFrom: decidedOn,
        validTo: null,
        active: true,
      }),
    ])
    const olderCriteria = await social.query<{ child: { criteria: unknown[] } }>(CRITERIA, { id: older.id })
    expect(olderCriteria.data?.child.criteria).toEqual([])

    const endedOn = isoDaysAgo(1)
    const situationId = recorded.data!.recordFamilySituation.id
    const ended = await social.query(END_SITUATION, { input: { familySituationId: situationId, endedOn } })
    expect(ended.data).toEqual({ endFamilySituation: { id: situationId, endedOn } })
    const afterEnd = await social.query<{ child: { criteria: { code: string; validTo: string; active: boolean }[] } }>(
      CRITERIA,
      { id: baby.id },
    )
    expect(afterEnd.data?.child.criteria).toEqual([
      expect.objectContaining({ code: 'FAMILY_SOP', validTo: endedOn, active: false }),
    ])

    const twice = await social.query(END_SITUATION, { input: { familySituationId: situationId, endedOn } })
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT')
  })

  it('refuses to end by hand a criterion that follows from a family decision', async () => {
    const family = await insertFamily(social.db)
    const baby = await insertChild(social.db, { family_id: family.id, birth_date: isoDaysAgo(100) })
    await social.query(RECORD_SITUATION, {
      input: { familyId: family.id, kind: 'TJS', decisionNumber: 'ТЖС-7', decidedOn: isoDaysAgo(10) },
    })
    const criteria = await social.query<{ child: { criteria: { id: string; code: string }[] } }>(CRITERIA, {
      id: baby.id,
    })
    const criterion = criteria.data!.child.criteria[0]!
    expect(criterion.code).toBe('FAMILY_TJS')
    const response = await social.query(
      'mutation ($input: EndCriterionInput!) { endCriterion(input: $input) { id } }',
      {
        input: { criterionId: criterion.id, validTo: isoDaysAgo(0) },
      },
    )
    expect(response.errors?.[0]?.message).toContain(
      'input.criterionId: a criterion from a family decision ends with endFamilySituation',
    )
  })

  it('adds a criterion with its evidence and ends it, keeping it as history', async () => {
    const child = await insertChild(social.db)
    const added = await social.query<{ addCriterion: { id: string; code: string; active: boolean } }>(
      'mutation ($input: AddCriterionInput!) { addCriterion(input: $input) { id code active } }',
      {
        input: {
          childId: child.id,
          source: 'SOCIAL',
          criterion: {
            code: 'DISABLED_CHILD',
            evidenceDocument: 'Справка МСЭ № 123',
            evidenceDate: isoDaysAgo(20),
            validFrom: isoDaysAgo(20),
          },
        },
      },
    )
    expect(added.data?.addCriterion).toMatchObject({ code: 'DISABLED_CHILD', active: true })
    const ended = await social.query<{ endCriterion: { active: boolean; validTo: string } }>(
      'mutation ($input: EndCriterionInput!) { endCriterion(input: $input) { active validTo } }',
      { input: { criterionId: added.data!.addCriterion.id, validTo: isoDaysAgo(1) } },
    )
    expect(ended.data?.endCriterion).toEqual({ active: false, validTo: isoDaysAgo(1) })
  })

  it('rejects a criterion whose evidence is dated in the future, writing nothing', async () => {
    const child = await insertChild(social.db)
    await insertCriterion(social.db, child.id)
    const response = await social.query(
      'mutation ($input: AddCriterionInput!) { addCriterion(input: $input) { id } }',
      {
        input: {
          childId: child.id,
          source: 'HEALTH',
          criterion: {
            code: 'HEALTH_GROUP_IV_V',
            evidenceDocument: 'Выписка',
            evidenceDate: isoDaysAgo(-3),
            validFrom: isoDaysAgo(0),
          },
        },
      },
    )
    expect(response.errors?.[0]?.message).toMatch(/^input\.criterion\.evidenceDate: must not be in the future/)
    const criteria = await social.query<{ child: { criteria: unknown[] } }>(CRITERIA, { id: child.id })
    expect(criteria.data?.child.criteria).toHaveLength(1)
  })
})
