import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../src/db/database.js'
import { viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { insertFamily, insertMunicipality, insertSituation } from '../support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { socialSubgraph } from '../support/subgraph.js'

const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterChildInput!) {
    registerChild(input: $input) {
      outcome
      child {
        id
        fullName
        snils
        sex
        registryStatus
        statusHistory {
          fromStatus
          toStatus
        }
        criteria {
          code
          source
        }
      }
      possibleDuplicate {
        id
        reason
        candidate {
          id
        }
      }
    }
  }
`
const ATTACH = /* GraphQL */ `
  mutation ($input: AttachSnilsInput!) {
    attachSnils(input: $input) {
      id
      snils
    }
  }
`

interface Registered {
  registerChild: {
    outcome: string
    child: { id: string; fullName: string; snils: string | null; sex: string; registryStatus: string }
    possibleDuplicate: { id: string; reason: string; candidate: { id: string } } | null
  }
}

function isoDaysAgo(days: number) {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
}

const BIRTH = isoDaysAgo(200)

function child(overrides: Record<string, unknown> = {}) {
  return {
    lastName: 'Ёлкина',
    firstName: 'Анна-Мария',
    patronymic: 'Сергеевна',
    birthDate: BIRTH,
    sex: 'FEMALE',
    municipality: '71800000',
    ...overrides,
  }
}

describe.each(backends)('registering a child without duplicates (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  async function counts() {
    const { rows } = await sql<{ children: number; history: number; duplicates: number; criteria: number }>`
      select (select count(*)::int from child) as children, (select count(*)::int from registry_status_change) as history,
             (select count(*)::int from possible_duplicate) as duplicates, (select count(*)::int from child_criterion) as criteria
    `.execute(social.db)
    return rows[0]!
  }

  const register = (input: Record<string, unknown>, as?: TestViewer) =>
    social.query<Registered>(REGISTER, { input }, as)

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    await insertMunicipality(social.db)
  })
  afterAll(() => social?.stop())

  it('creates a record in POTENTIALLY_IN_NEED with its first history entry and criteria from the registering side', async () => {
    const response = await register(
      child({
        lastName: 'Новикова',
        criteria: [
          {
            code: 'SCREENING_POSITIVE',
            evidenceDocument: 'Протокол скрининга № 17',
            evidenceDate: BIRTH,
            validFrom: BIRTH,
          },
        ],
      }),
      viewers.specialist('health'),
    )
    expect(response.errors).toBeUndefined()
    expect(response.data?.registerChild).toMatchObject({
      outcome: 'CREATED',
      child: {
        fullName: 'Новикова Анна-Мария Сергеевна',
        registryStatus: 'POTENTIALLY_IN_NEED',
        statusHistory: [{ fromStatus: null, toStatus: 'POTENTIALLY_IN_NEED' }],
        criteria: [{ code: 'SCREENING_POSITIVE', source: 'HEALTH' }],
      },
      possibleDuplicate: null,
    })
  })

  it('gives a child registered into a family in СОП the FAMILY_SOP criterion from its birth', async () => {
    const family = await insertFamily(social.db)
    const decision = await insertSituation(social.db, family.id, { kind: 'SOP', decided_on: isoDaysAgo(400) })
    await insertSituation(social.db, family.id, { kind: 'TJS', decided_on: isoDaysAgo(500), ended_on: isoDaysAgo(300) })
    const response = await register(child({ lastName: 'Сопова', familyId: family.id }))
    expect(response.errors).toBeUndefined()
    const { rows } = await sql<{
      code: string
      valid_from: string
      valid_to: string | null
      family_situation_id: string
    }>`
      select code, valid_from::text, valid_to::text, family_situation_id from child_criterion
      where child_id = ${response.data!.registerChild.child.id}
    `.execute(social.db)
    expect(rows).toEqual([{ code: 'FAMILY_SOP', valid_from: BIRTH, valid_to: null, family_situation_id: decision.id }])
  })

  it('returns the existing child when the same СНИЛС is registered again in another formatting', async () => {
    const first = await register(child({ lastName: 'Петрова', snils: '112-233-445 95' }))
    const before = await counts()
    const again = await register(child({ lastName: 'Петрова-Иванова', snils: '11223344595', source: 'SOCIAL' }))
    expect(again.data?.registerChild.outcome).toBe('EXISTING_BY_SNILS')
    expect(again.data?.registerChild.child.id).toBe(first.data?.registerChild.child.id)
    expect(await counts()).toEqual(before)
  })

  it('returns the existing child for the same name written differently and the same birth date, learning its СНИЛС', async () => {
    const first = await register(child({ lastName: 'Семёнова', firstName: 'Анна-Мария' }))
    const before = await counts()
    const again = await register(
      child({ lastName: '  СЕМЕНОВА ', firstName: 'анна  мария', patronymic: 'сергеевна', snils: '12345678964' }),
    )
    expect(again.data?.registerChild).toMatchObject({
      outcome: 'EXISTING_BY_NAME_AND_BIRTH_DATE',
      child: { id: first.data?.registerChild.child.id, snils: '123-456-789 64' },
    })
    expect(await counts()).toEqual(before)
  })

  it('creates a second record and a possible duplicate when the name and birth date match but the sex differs', async () => {
    const first = await register(child({ lastName: 'Кузнецова', firstName: 'Саша', sex: 'FEMALE' }))
    const second = await register(child({ lastName: 'Кузнецова', firstName: 'Саша', sex: 'MALE' }))
    expect(second.data?.registerChild.outcome).toBe('CREATED_WITH_POSSIBLE_DUPLICATE')
    expect(second.data?.registerChild.child.id).not.toBe(first.data?.registerChild.child.id)
    expect(second.data?.registerChild.possibleDuplicate).toMatchObject({
      candidate: { id: first.data?.registerChild.child.id },
      reason: expect.stringContaining('пол'),
    })

    const listed = await social.query<{ possibleDuplicates: { id: string }[] }>('{ possibleDuplicates { id } }')
    expect(listed.data?.possibleDuplicates.map((d) => d.id)).toContain(second.data?.registerChild.possibleDuplicate?.id)

    const dismiss = `mutation ($input: DismissPossibleDuplicateInput!) { dismissPossibleDuplicate(input: $input) { status resolutionNote } }`
    const input = { possibleDuplicateId: second.data?.registerChild.possibleDuplicate?.id, note: 'Разные дети: двойня' }
    const dismissed = await social.query(dismiss, { input })
    expect(dismissed.data).toEqual({
      dismissPossibleDuplicate: { status: 'DISMISSED', resolutionNote: 'Разные дети: двойня' },
    })
    const twice = await social.query(dismiss, { input })
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT')
  })

  it('registers a newborn with СНИЛС pending and attaches it later without a second record', async () => {
    const newborn = await register(child({ lastName: 'Орлова', birthDate: isoDaysAgo(3) }))
    const id = newborn.data!.registerChild.child.id
    expect(newborn.data?.registerChild.child.snils).toBeNull()
    const before = await counts()
    const attached = await social.query(ATTACH, { input: { childId: id, snils: '00100199965' } })
    expect(attached.data).toEqual({ attachSnils: { id, snils: '001-001-999 65' } })
    expect(await counts()).toEqual(before)
  })

  it('refuses to attach a СНИЛС that belongs to another child, naming it, and changes nothing', async () => {
    const holder = await register(child({ lastName: 'Белова', snils: '99999999901' }))
    const other = await register(child({ lastName: 'Чернова' }))
    const response = await social.query(ATTACH, {
      input: { childId: other.data!.registerChild.child.id, snils: '999-999-999 01' },
    })
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringContaining(holder.data!.registerChild.child.id),
      extensions: { code: 'CONFLICT' },
    })
    const reread = await social.query<{ child: { snils: string | null } }>(
      'query ($id: ID!) { child(id: $id) { snils } }',
      {
        id: other.data!.registerChild.child.id,
      },
    )
    expect(reread.data?.child.snils).toBeNull()
  })

  it.each([
    ['input.snils', { snils: '112-233-445 96' }, 'check number'],
    ['input.snils', { snils: '112-233-445' }, '11 digits'],
    ['input.birthDate', { birthDate: isoDaysAgo(-2) }, 'future'],
    ['input.birthDate', { birthDate: isoDaysAgo(4 * 365) }, 'under 3'],
    ['input.birthDate', { birthDate: isoDaysAgo(9 * 365), continuationReason: 'Не готов к обучению' }, 'under 8'],
    ['input.municipality', { municipality: '99999999' }, 'ОКТМО'],
    ['input.lastName', { lastName: 'Иванов2' }, 'letters'],
    ['input.familyId', { familyId: 'not-an-id' }, 'UUID'],
    [
      'input.criteria[0].code',
      { criteria: [{ code: 'FAMILY_SOP', evidenceDocument: 'x', evidenceDate: BIRTH, validFrom: BIRTH }] },
      'recordFamilySituation',
    ],
    [
      'input.criteria[0].validTo',
      {
        criteria: [
          {
            code: 'PARENT_CONCERN',
            evidenceDocument: 'x',
            evidenceDate: BIRTH,
            validFrom: BIRTH,
            validTo: isoDaysAgo(300),
          },
        ],
      },
      'before',
    ],
  ])('rejects %s (%j) naming the field and the rule, writing nothing', async (field, overrides, rule) => {
    const before = await counts()
    const response = await register(child({ lastName: 'Отказова', ...overrides }))
    expect(response.data).toBeNull()
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(response.errors?.[0]?.message).toContain(`${field}:`)
    expect(response.errors?.[0]?.message).toContain(rule)
    expect(await counts()).toEqual(before)
  })

  it('accepts a child over 3 when early help continues', async () => {
    const response = await register(
      child({ lastName: 'Продолжева', birthDate: isoDaysAgo(4 * 365), continuationReason: 'Решение ПМПК' }),
    )
    expect(response.data?.registerChild.outcome).toBe('CREATED')
  })

  it('creates one record when twenty registrations of the same child race', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => register(child({ lastName: 'Гонкина' }))))
    const ids = new Set(responses.map((response) => response.data?.registerChild.child.id))
    expect(responses.every((response) => response.errors === undefined)).toBe(true)
    expect(ids.size).toBe(1)
  })
})
