import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../subgraphs/social/src/db/database.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import {
  insertFamily,
  insertMunicipality,
  MUNICIPALITY,
  uniqueSnils,
} from '../../subgraphs/social/test/support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRefusedWithoutWriting, snapshot } from '@hub/testing/writes'
import { socialSubgraph } from '../../subgraphs/social/test/support/subgraph.js'

const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterChildInput!) {
    registerChild(input: $input) {
      outcome
      child {
        id
        fullName
        criteria {
          code
          source
          evidenceDocument
        }
      }
      notApplied {
        field
        reason
      }
    }
  }
`

interface Registered {
  registerChild: {
    outcome: string
    child: {
      id: string
      fullName: string
      criteria: { code: string; source: string; evidenceDocument: string }[]
    }
    notApplied: { field: string; reason: string }[]
  }
}

const BIRTH = daysFromToday(-400)

const criterion = (code: string, evidenceDocument: string) => ({
  code,
  evidenceDocument,
  evidenceDate: daysFromToday(-10),
  validFrom: daysFromToday(-10),
})

/**
 * A registration that finds the child already on the registry never loses what it carried: the record takes what it
 * lacks (criteria, a family, a СНИЛС), and whatever it does not take is named in `notApplied` with the reason.
 */
describe.each(backends)('a registration of a child already on the registry (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  const register = (input: Record<string, unknown>, as = viewers.specialist('health')) =>
    social.query<Registered>(REGISTER, { input }, as)
  /** The family of a record, as social's coordinator sees it (a health specialist reads no family without consent). */
  const familyOf = async (id: string) =>
    (
      await social.query<{ child: { family: { id: string } | null } }>(
        'query ($id: ID!) { child(id: $id) { family { id } } }',
        { id },
      )
    ).data?.child.family
  const child = (lastName: string, overrides: Record<string, unknown> = {}) => ({
    lastName,
    firstName: 'Мария',
    patronymic: 'Олеговна',
    birthDate: BIRTH,
    sex: 'FEMALE',
    municipality: MUNICIPALITY.oktmo,
    ...overrides,
  })

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    await insertMunicipality(social.db)
    await insertMunicipality(social.db, { oktmo: '71900000', name: 'Соседний район' })
  })
  afterAll(() => social?.stop())

  it('applies the new criteria a registration by the same СНИЛС carries, from the registering side, once', async () => {
    const snils = uniqueSnils()
    const first = await register(child('Критериева', { snils, criteria: [criterion('PARENT_CONCERN', 'Заявление')] }))
    expect(first.errors).toBeUndefined()
    const input = child('Критериева', {
      snils,
      criteria: [
        criterion('PARENT_CONCERN', 'Заявление'),
        criterion('HEALTH_GROUP_IV_V', 'Заключение о группе здоровья'),
      ],
    })
    const again = await register(input, viewers.specialist('education'))
    expect(again.errors).toBeUndefined()
    expect(again.data?.registerChild).toMatchObject({ outcome: 'EXISTING_BY_SNILS', notApplied: [] })
    expect(again.data?.registerChild.child.id).toBe(first.data?.registerChild.child.id)
    const visible = await social.query<{ child: Registered['registerChild']['child'] }>(
      'query ($id: ID!) { child(id: $id) { criteria { code source } } }',
      { id: first.data!.registerChild.child.id },
    )
    expect(visible.data?.child.criteria).toEqual(
      expect.arrayContaining([
        { code: 'PARENT_CONCERN', source: 'HEALTH' },
        { code: 'HEALTH_GROUP_IV_V', source: 'EDUCATION' },
      ]),
    )
    expect(visible.data?.child.criteria).toHaveLength(2)
    const before = await snapshot(social.db)
    expect((await register(input, viewers.specialist('education'))).data?.registerChild.notApplied).toEqual([])
    expect(await snapshot(social.db)).toEqual(before)
  })

  it('applies the criteria of a registration matched by name and birth date', async () => {
    const first = await register(child('Именова'))
    const again = await register(child('ИМЕНОВА', { criteria: [criterion('DISABLED_CHILD', 'Справка МСЭ № 7')] }))
    expect(again.data?.registerChild).toMatchObject({
      outcome: 'EXISTING_BY_NAME_AND_BIRTH_DATE',
      child: { id: first.data?.registerChild.child.id, criteria: [{ code: 'DISABLED_CHILD', source: 'HEALTH' }] },
      notApplied: [],
    })
  })

  it('gives a record without a family the family the registration names, and reports another family', async () => {
    const snils = uniqueSnils()
    const first = await register(child('Семейная', { snils }))
    const family = await insertFamily(social.db)
    const placed = await register(child('Семейная', { snils, familyId: family.id }))
    const id = first.data!.registerChild.child.id
    expect(placed.data?.registerChild).toMatchObject({ child: { id }, notApplied: [] })
    expect(await familyOf(id)).toEqual({ id: family.id })

    const other = await insertFamily(social.db)
    const before = await snapshot(social.db)
    const moved = await register(child('Семейная', { snils, familyId: other.id }))
    expect(await familyOf(id)).toEqual({ id: family.id })
    expect(moved.data?.registerChild.notApplied).toEqual([
      { field: 'input.familyId', reason: expect.stringContaining('attachChildToFamily') },
    ])
    expect(await snapshot(social.db)).toEqual(before)

    await expectRefusedWithoutWriting(social.db, () => register(child('Семейная', { snils, familyId: randomUUID() })), {
      code: 'BAD_USER_INPUT',
      field: 'input.familyId',
      rule: 'must be the id of a family in the registry',
    })
  })

  it('reports every detail the record holds otherwise, and keeps the record as it was', async () => {
    const snils = uniqueSnils()
    await register(child('Разная', { snils }))
    const before = await snapshot(social.db)
    const again = await register(
      child('Другая', {
        snils,
        firstName: 'Марина',
        patronymic: 'Олеговна',
        sex: 'MALE',
        birthDate: daysFromToday(-380),
        municipality: '71900000',
        continuationReason: 'Не готов к переходу в ДОО',
      }),
    )
    expect(again.errors).toBeUndefined()
    expect(again.data?.registerChild.child.fullName).toBe('Разная Мария Олеговна')
    expect(again.data?.registerChild.notApplied.map((item) => item.field)).toEqual([
      'input.lastName',
      'input.firstName',
      'input.birthDate',
      'input.sex',
      'input.municipality',
      'input.continuationReason',
    ])
    expect(await snapshot(social.db)).toEqual(before)
  })

  it('answers a replay with its idempotency key with the same report, writing nothing', async () => {
    const snils = uniqueSnils()
    await register(child('Повторная', { snils }))
    const other = await insertFamily(social.db)
    const family = await insertFamily(social.db)
    await register(child('Повторная', { snils, familyId: family.id }))
    const input = {
      ...child('Повторная', { snils, familyId: other.id, criteria: [criterion('PARENT_CONCERN', 'Заявление № 2')] }),
      idempotencyKey: randomUUID(),
    }
    const first = await register(input)
    expect(first.data?.registerChild.notApplied).toEqual([
      { field: 'input.familyId', reason: expect.stringContaining('another family') },
    ])
    const before = await snapshot(social.db)
    expect(await register(input)).toEqual(first)
    expect(await snapshot(social.db)).toEqual(before)
  })
})
