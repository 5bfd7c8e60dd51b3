import { randomUUID } from 'node:crypto'
import { print } from 'graphql'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AddFamilyMemberDocument } from '@hub/schema/operations'
import type { DB } from '../src/db/database.js'
import { backends } from '@hub/testing/databases'
import { insertChild, insertFamily, insertMunicipality, insertProvider, MUNICIPALITY } from './support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { daysFromToday, expectRejected, snapshot } from '@hub/testing/writes'
import { socialSubgraph } from './support/subgraph.js'

const REGISTER_CHILD = /* GraphQL */ `
  mutation ($input: RegisterChildInput!) {
    registerChild(input: $input) {
      outcome
      child {
        id
        fullName
        registryStatus
        statusHistory {
          toStatus
        }
      }
      possibleDuplicate {
        id
      }
    }
  }
`
const REGISTER_FAMILY = /* GraphQL */ `
  mutation ($input: RegisterFamilyInput!) {
    registerFamily(input: $input) {
      id
      members {
        id
        fullName
      }
      contacts {
        value
      }
    }
  }
`
const REFER = /* GraphQL */ `
  mutation ($input: ReferChildInput!) {
    referChild(input: $input) {
      id
      status
      clocks {
        code
        dueOn
      }
    }
  }
`

describe.each(backends)('idempotent creating mutations of social (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    await insertMunicipality(social.db)
  })
  afterAll(() => social?.stop())

  async function count(table: 'child' | 'registry_status_change' | 'family' | 'family_member' | 'referral') {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(social.db)
    return rows[0]!.n
  }

  it('answers a retried registration with the first answer, CREATED included, and writes nothing more', async () => {
    const input = {
      lastName: 'Повторова',
      firstName: 'Вера',
      birthDate: daysFromToday(-300),
      sex: 'FEMALE',
      municipality: MUNICIPALITY.oktmo,
      idempotencyKey: randomUUID(),
    }
    const first = await social.query<{ registerChild: { outcome: string } }>(REGISTER_CHILD, { input })
    expect(first.errors).toBeUndefined()
    expect(first.data!.registerChild.outcome).toBe('CREATED')
    const before = await snapshot(social.db)
    const retry = await social.query(REGISTER_CHILD, { input })
    expect(retry).toEqual(first)
    expect(await snapshot(social.db)).toEqual(before)
  })

  it('answers a retried family registration with the same family and members, writing none again', async () => {
    const input = {
      municipality: MUNICIPALITY.oktmo,
      address: 'г. Тестов, ул. Повторная, д. 1',
      members: [
        {
          lastName: 'Повторова',
          firstName: 'Ирина',
          kinship: 'PARENT',
          contacts: [{ kind: 'PHONE', value: '8 (912) 000-11-22' }],
        },
      ],
      idempotencyKey: randomUUID(),
    }
    const first = await social.query<{ registerFamily: { id: string } }>(REGISTER_FAMILY, { input })
    expect(first.errors).toBeUndefined()
    const [families, members] = [await count('family'), await count('family_member')]
    const retry = await social.query(REGISTER_FAMILY, { input })
    expect(retry).toEqual(first)
    expect([await count('family'), await count('family_member')]).toEqual([families, members])
  })

  it('answers a retried referral with the referral it opened, where a new request would be a CONFLICT', async () => {
    const child = await insertChild(social.db)
    const provider = await insertProvider(social.db, { side: 'SOCIAL', moderation_status: 'APPROVED' })
    const input = {
      childId: child.id,
      providerId: provider.id,
      fromOrganisation: 'ГБУЗ «Детская поликлиника № 1»',
      reason: 'Положительный аудиологический скрининг',
      receivedOn: daysFromToday(-3),
      idempotencyKey: randomUUID(),
    }
    const first = await social.query<{ referChild: { id: string } }>(REFER, { input })
    expect(first.errors).toBeUndefined()
    const referrals = await count('referral')
    expect(await social.query(REFER, { input })).toEqual(first)
    const withNewKey = await social.query(REFER, { input: { ...input, idempotencyKey: randomUUID() } })
    expect(withNewKey.errors?.[0]?.extensions?.code).toBe('CONFLICT')
    expect(await count('referral')).toBe(referrals)
  })

  it('answers a retried new family member with the member it added, writing no second one', async () => {
    const family = await insertFamily(social.db)
    const input = {
      familyId: family.id,
      member: { lastName: 'Повторов', firstName: 'Пётр', kinship: 'GRANDPARENT' },
      idempotencyKey: randomUUID(),
    }
    const first = await social.query(print(AddFamilyMemberDocument), { input })
    expect(first.errors).toBeUndefined()
    expect(await social.query(print(AddFamilyMemberDocument), { input })).toEqual(first)
    const members = await social.db
      .selectFrom('family_member')
      .select('id')
      .where('family_id', '=', family.id)
      .execute()
    expect(members).toHaveLength(1)
  })

  it('refuses the key of a registration on another child, writing nothing', async () => {
    const input = {
      lastName: 'Ключова',
      firstName: 'Ольга',
      birthDate: daysFromToday(-200),
      sex: 'FEMALE',
      municipality: MUNICIPALITY.oktmo,
      idempotencyKey: randomUUID(),
    }
    await social.query(REGISTER_CHILD, { input })
    const before = await snapshot(social.db)
    const response = await social.query(REGISTER_CHILD, { input: { ...input, firstName: 'Мария' } })
    expectRejected(response, { code: 'CONFLICT', field: 'input.idempotencyKey', rule: 'different request' })
    expect(await snapshot(social.db)).toEqual(before)
  })
})
