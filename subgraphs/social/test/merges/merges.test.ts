import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { formatSnils } from '../../src/identifiers.js'
import {
  insertChild,
  insertCriterion,
  insertProgramme,
  insertProvider,
  MUNICIPALITY,
  uniqueSnils,
} from '../support/factories.js'
import { countByTable } from '@hub/testing/statements'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRejected, snapshot } from '@hub/testing/writes'
import { socialSubgraph } from '../support/subgraph.js'

const MERGE = /* GraphQL */ `
  mutation ($input: MergeChildrenInput!) {
    mergeChildren(input: $input) {
      id
      reason
      undoneAt
      survivor {
        id
        snils
        criteria {
          code
        }
        referrals {
          id
        }
      }
      merged {
        id
        snils
        mergedInto {
          id
        }
      }
      possibleDuplicate {
        status
      }
      deliveries {
        side
        action
        deliveredAt
      }
    }
  }
`
const UNDO = /* GraphQL */ `
  mutation ($input: UndoChildMergeInput!) {
    undoChildMerge(input: $input) {
      id
      undoneAt
      undoReason
      survivor {
        snils
        criteria {
          code
        }
      }
      merged {
        snils
        mergedInto {
          id
        }
        criteria {
          code
        }
      }
      deliveries {
        side
        action
      }
    }
  }
`
const REGISTRY = /* GraphQL */ `
  query {
    children {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`
const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterChildInput!) {
    registerChild(input: $input) {
      outcome
      child {
        id
      }
    }
  }
`

const BIRTH = daysFromToday(-300)

interface Merged {
  mergeChildren: {
    id: string
    survivor: { id: string; snils: string | null; criteria: { code: string }[]; referrals: { id: string }[] }
    merged: { id: string; snils: string | null; mergedInto: { id: string } | null }
    possibleDuplicate: { status: string } | null
    deliveries: { side: string; action: string; deliveredAt: string | null }[]
  }
}

describe.each(backends)('merging two registry records of one child (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
  })
  afterAll(() => social.stop())

  async function pair(overrides: { survivor?: object; merged?: object } = {}) {
    const person = { last_name: 'Соколова', first_name: 'Вера', name_key: `соколова вера ${randomUUID()}` }
    const survivor = await insertChild(social.db, { ...person, birth_date: BIRTH, ...overrides.survivor })
    const merged = await insertChild(social.db, { ...person, birth_date: BIRTH, ...overrides.merged })
    return { survivor, merged }
  }

  async function insertReferral(childId: string) {
    const provider = await insertProvider(social.db)
    const row = {
      id: randomUUID(),
      child_id: childId,
      from_side: 'HEALTH' as const,
      from_organisation: 'ГБУЗ «Детская поликлиника № 1»',
      provider_id: provider.id,
      reason: 'Положительный скрининг',
      received_on: daysFromToday(-10),
    }
    await social.db.insertInto('referral').values(row).execute()
    return { ...row, providerId: provider.id }
  }

  const merge = (input: Record<string, unknown>) => social.query<Merged>(MERGE, { input })

  it("moves the merged record's criteria and referrals to the survivor, keeps the record as history and queues the other sides", async () => {
    const snils = uniqueSnils()
    const { survivor, merged } = await pair({ merged: { snils } })
    await insertCriterion(social.db, merged.id, { code: 'SCREENING_POSITIVE' })
    const referral = await insertReferral(merged.id)
    const finding = await social.db
      .insertInto('possible_duplicate')
      .values({ child_id: merged.id, candidate_child_id: survivor.id, reason: 'Совпадают ФИО и дата рождения' })
      .returning('id')
      .executeTakeFirstOrThrow()

    const response = await merge({
      survivorId: survivor.id,
      mergedId: merged.id,
      reason: 'Одна и та же девочка, внесена поликлиникой и соцзащитой',
      possibleDuplicateId: finding.id,
    })

    expect(response.errors).toBeUndefined()
    const result = response.data!.mergeChildren
    expect(result.survivor.criteria.map((criterion) => criterion.code)).toEqual(['SCREENING_POSITIVE'])
    expect(result.survivor.referrals.map((row) => row.id)).toEqual([referral.id])
    expect(result.survivor.snils).toBe(formatSnils(snils))
    expect(result.merged).toEqual({ id: merged.id, snils: null, mergedInto: { id: survivor.id } })
    expect(result.possibleDuplicate).toEqual({ status: 'MERGED' })
    expect(result.deliveries).toEqual(
      ['EDUCATION', 'HEALTH', 'NGO'].map((side) => ({ side, action: 'APPLY', deliveredAt: null })),
    )
    const registry = await social.query<{ children: { edges: { node: { id: string } }[] } }>(REGISTRY)
    const listed = registry.data!.children.edges.map((edge) => edge.node.id)
    expect(listed).toContain(survivor.id)
    expect(listed).not.toContain(merged.id)
  })

  it('registers the same child again as the survivor, never as the merged record', async () => {
    const { survivor, merged } = await pair()
    await social.db
      .updateTable('child')
      .set({ name_key: 'иванова мария петровна', last_name: 'Иванова', first_name: 'Мария', patronymic: 'Петровна' })
      .where('id', 'in', [survivor.id, merged.id])
      .execute()
    await merge({ survivorId: survivor.id, mergedId: merged.id, reason: 'Дубль' })

    const again = await social.query<{ registerChild: { outcome: string; child: { id: string } } }>(REGISTER, {
      input: {
        lastName: 'Иванова',
        firstName: 'Мария',
        patronymic: 'Петровна',
        birthDate: BIRTH,
        sex: 'MALE',
        municipality: MUNICIPALITY.oktmo,
        source: 'SOCIAL',
      },
    })
    expect(again.data!.registerChild).toEqual({
      outcome: 'EXISTING_BY_NAME_AND_BIRTH_DATE',
      child: { id: survivor.id },
    })
  })

  it('undoes a merge: exactly the moved rows go back, what was recorded since stays with the survivor', async () => {
    const snils = uniqueSnils()
    const { survivor, merged } = await pair({ merged: { snils } })
    await insertCriterion(social.db, merged.id, { code: 'PARENT_CONCERN' })
    const done = await merge({ survivorId: survivor.id, mergedId: merged.id, reason: 'Дубль' })
    const mergeId = done.data!.mergeChildren.id
    await insertCriterion(social.db, survivor.id, { code: 'DISABLED_CHILD' })

    const response = await social.query<{ undoChildMerge: Record<string, unknown> }>(UNDO, {
      input: { mergeId, reason: 'Ошибочное объединение: близнецы' },
    })

    expect(response.errors).toBeUndefined()
    expect(response.data!.undoChildMerge).toMatchObject({
      undoReason: 'Ошибочное объединение: близнецы',
      survivor: { snils: null, criteria: [{ code: 'DISABLED_CHILD' }] },
      merged: { snils: formatSnils(snils), mergedInto: null, criteria: [{ code: 'PARENT_CONCERN' }] },
    })
    const deliveries = (response.data!.undoChildMerge.deliveries as { action: string }[]).map((row) => row.action)
    expect(deliveries.filter((action) => action === 'UNDO')).toHaveLength(3)

    const twice = await social.query(UNDO, { input: { mergeId, reason: 'Ещё раз' } })
    expectRejected(twice, { code: 'CONFLICT', field: 'input.mergeId', rule: 'already undone' })
  })

  it('refuses to undo a merge whose survivor was merged again later, naming the later merge', async () => {
    const { survivor, merged } = await pair()
    const third = await insertChild(social.db, { birth_date: BIRTH })
    const first = await merge({ survivorId: survivor.id, mergedId: merged.id, reason: 'Дубль' })
    const second = await merge({ survivorId: third.id, mergedId: survivor.id, reason: 'Ещё один дубль' })
    expect(second.errors).toBeUndefined()

    const before = await snapshot(social.db)
    const response = await social.query(UNDO, { input: { mergeId: first.data!.mergeChildren.id, reason: 'Ошибка' } })
    expectRejected(response, { code: 'CONFLICT', field: 'input.mergeId', rule: second.data!.mergeChildren.id })
    expect(await snapshot(social.db)).toEqual(before)
  })

  describe('rejects, naming the field and the rule, and writes nothing', () => {
    const cases: [
      string,
      () => Promise<{ input: Record<string, unknown>; field: string; rule: string; code?: 'CONFLICT' | 'NOT_FOUND' }>,
    ][] = [
      [
        'a malformed id',
        async () => ({
          input: { survivorId: 'x', mergedId: randomUUID(), reason: 'Дубль' },
          field: 'input.survivorId',
          rule: 'UUID',
        }),
      ],
      [
        'the same record twice',
        async () => {
          const { survivor } = await pair()
          return {
            input: { survivorId: survivor.id, mergedId: survivor.id, reason: 'Дубль' },
            field: 'input.mergedId',
            rule: 'must differ',
          }
        },
      ],
      [
        'an empty reason',
        async () => {
          const { survivor, merged } = await pair()
          return {
            input: { survivorId: survivor.id, mergedId: merged.id, reason: '  ' },
            field: 'input.reason',
            rule: '',
          }
        },
      ],
      [
        'a record that does not exist',
        async () => {
          const { survivor } = await pair()
          return {
            input: { survivorId: survivor.id, mergedId: randomUUID(), reason: 'Дубль' },
            field: 'input.mergedId',
            rule: 'no child',
            code: 'NOT_FOUND',
          }
        },
      ],
      [
        'records with different birth dates',
        async () => {
          const { survivor, merged } = await pair({ merged: { birth_date: daysFromToday(-301) } })
          return {
            input: { survivorId: survivor.id, mergedId: merged.id, reason: 'Дубль' },
            field: 'input.mergedId',
            rule: 'same birth date',
          }
        },
      ],
      [
        'records with different СНИЛС',
        async () => {
          const { survivor, merged } = await pair({
            survivor: { snils: uniqueSnils() },
            merged: { snils: uniqueSnils() },
          })
          return {
            input: { survivorId: survivor.id, mergedId: merged.id, reason: 'Дубль' },
            field: 'input.mergedId',
            rule: 'two children',
          }
        },
      ],
      [
        'a survivor behind the merged record on the pathway',
        async () => {
          const { survivor, merged } = await pair({ merged: { registry_status: 'REFERRED' } })
          return {
            input: { survivorId: survivor.id, mergedId: merged.id, reason: 'Дубль' },
            field: 'input.survivorId',
            rule: 'further along',
          }
        },
      ],
      [
        'two records that both have an ИПРП',
        async () => {
          const { survivor, merged } = await pair()
          const provider = await insertProvider(social.db)
          await insertProgramme(social.db, survivor.id, provider.id)
          await insertProgramme(social.db, merged.id, provider.id)
          return {
            input: { survivorId: survivor.id, mergedId: merged.id, reason: 'Дубль' },
            field: 'input.mergedId',
            rule: 'both records have an ИПРП',
            code: 'CONFLICT',
          }
        },
      ],
      [
        'a record already merged',
        async () => {
          const { survivor, merged } = await pair()
          await merge({ survivorId: survivor.id, mergedId: merged.id, reason: 'Дубль' })
          const other = await insertChild(social.db, { birth_date: BIRTH })
          return {
            input: { survivorId: other.id, mergedId: merged.id, reason: 'Дубль' },
            field: 'input.mergedId',
            rule: 'already merged',
            code: 'CONFLICT',
          }
        },
      ],
      [
        'a possible duplicate about other records',
        async () => {
          const { survivor, merged } = await pair()
          const other = await pair()
          const finding = await social.db
            .insertInto('possible_duplicate')
            .values({ child_id: other.merged.id, candidate_child_id: other.survivor.id, reason: 'Совпадение' })
            .returning('id')
            .executeTakeFirstOrThrow()
          return {
            input: { survivorId: survivor.id, mergedId: merged.id, reason: 'Дубль', possibleDuplicateId: finding.id },
            field: 'input.possibleDuplicateId',
            rule: 'these two records',
          }
        },
      ],
    ]
    it.each(cases)('%s', async (_name, prepare) => {
      const { input, field, rule, code } = await prepare()
      const before = await snapshot(social.db)
      const response = await merge(input)
      expectRejected(response, { code: code ?? 'BAD_USER_INPUT', field, rule })
      expect(await snapshot(social.db)).toEqual(before)
    })
  })

  it('lists the merges of a page of children in one statement', async () => {
    const children = await Promise.all([pair(), pair(), pair()])
    for (const { survivor, merged } of children) {
      await merge({ survivorId: survivor.id, mergedId: merged.id, reason: 'Дубль' })
    }
    social.statements.length = 0
    const response = await social.query(/* GraphQL */ `
      query {
        children(first: 1000) {
          edges {
            node {
              merges {
                id
                deliveries {
                  side
                }
              }
            }
          }
        }
      }
    `)
    expect(response.errors).toBeUndefined()
    expect(countByTable(social.statements)).toMatchObject({ child_merge: 1, child_merge_delivery: 1 })
  })
})
