import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../src/db/database.js'
import { viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { expectCatalogued } from '@hub/testing/error-rules'
import {
  insertChild,
  insertConsent,
  insertFamily,
  insertMemberContact,
  insertProvider,
  insertReferral,
  insertRepresentative,
} from '../support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { socialSubgraph } from '../support/subgraph.js'

const FAMILIES = /* GraphQL */ `
  query ($filter: FamilyFilter, $first: Int, $after: String) {
    families(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          members {
            fullName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`

interface Families {
  families: {
    totalCount: number
    edges: { cursor: string; node: { id: string; members: { fullName: string }[] } }[]
    pageInfo: { hasNextPage: boolean; endCursor: string | null }
  }
}

describe.each(backends)('finding families in the registry (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let lebedevs: string
  let aunt: string
  let gromovs: string
  let provider: string

  const find = async (search: string, as?: TestViewer) => {
    const response = await social.query<Families>(FAMILIES, { filter: { search } }, as)
    return response.data ? response.data.families.edges.map((edge) => edge.node.id).sort() : response.errors
  }

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    provider = (await insertProvider(social.db)).id
    lebedevs = (await insertFamily(social.db)).id
    const mother = await insertRepresentative(social.db, lebedevs, {
      last_name: 'Лебедева',
      first_name: 'Ксения',
      patronymic: 'Олеговна',
    })
    await insertMemberContact(social.db, mother.id, { value: '+79241112233' })
    await insertMemberContact(social.db, mother.id, { kind: 'EMAIL', value: 'Ksenia.L@example.ru' })
    const timofey = await insertChild(social.db, {
      family_id: lebedevs,
      last_name: 'Лебедев',
      first_name: 'Тимофей',
      patronymic: null,
    })
    aunt = (await insertFamily(social.db)).id
    await insertRepresentative(social.db, aunt, { last_name: 'Лебедева', first_name: 'Нина', patronymic: 'Ёсиповна' })
    gromovs = (await insertFamily(social.db)).id
    await insertRepresentative(social.db, gromovs, {
      last_name: 'Громова',
      first_name: 'Ксения',
      patronymic: 'Юрьевна',
    })
    // Referred to the non-state provider with the family's consent for it; the family's data shared with health.
    await insertReferral(social.db, timofey.id, provider)
    await insertConsent(social.db, timofey.id, mother.id, { recipient_provider_id: provider })
    await insertConsent(social.db, timofey.id, mother.id, { recipient_side: 'HEALTH', scopes: ['FAMILY'] })
  })
  afterAll(() => social?.stop())

  it('finds a family by words beginning one member’s or child’s name, in any order, with «ё» as «е»', async () => {
    expect(await find('лебед')).toEqual([lebedevs, aunt].sort())
    expect(await find('Ксения Лебед')).toEqual([lebedevs])
    expect(await find('КСЕН')).toEqual([lebedevs, gromovs].sort())
    expect(await find('иосиф')).toEqual([])
    expect(await find('есиповна')).toEqual([aunt])
    expect(await find('тимоф, лебедев')).toEqual([lebedevs])
    // Every word names the same person: the mother and her son are two.
    expect(await find('Ксения Тимофей')).toEqual([])
  })

  it('finds a family by a member’s phone written any way, or e-mail address in any case', async () => {
    expect(await find('8 (924) 111-22-33')).toEqual([lebedevs])
    expect(await find('KSENIA.L@EXAMPLE.RU')).toEqual([lebedevs])
    expect(await find('+7 924 000-00-00')).toEqual([])
  })

  it('pages the families in id order with the total on every page', async () => {
    const first = await social.query<Families>(FAMILIES, { filter: { search: 'лебед' }, first: 1 })
    expect(first.data?.families).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } })
    const second = await social.query<Families>(FAMILIES, {
      filter: { search: 'лебед' },
      first: 1,
      after: first.data!.families.pageInfo.endCursor,
    })
    expect(second.data?.families).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false } })
    const ids = [first, second].map((page) => page.data!.families.edges[0]!.node.id)
    expect(ids).toEqual([lebedevs, aunt].sort())
  })

  it('reads a page of families and their members in the same statements whatever its size', async () => {
    const statementsOf = async (search: string) => {
      social.statements.length = 0
      await social.query(FAMILIES, { filter: { search } })
      return social.statements.filter((statement) => !statement.includes('access_audit')).length
    }
    expect(await statementsOf('лебед')).toBe(await statementsOf('громова'))
  })

  it('refuses a search that is no name, phone or e-mail address, naming the field and the rule', async () => {
    for (const [text, rule] of [
      ['Лебедева 12', 'FAMILY_SEARCH_TERM'],
      ['!!', 'FAMILY_SEARCH_TERM'],
      ['12-34', 'PHONE_FORMAT'],
      ['ksenia@', 'EMAIL_FORMAT'],
      ['л', 'TEXT_LENGTH'],
    ] as const) {
      const errors = (await find(text)) as { message: string; extensions: Record<string, unknown> }[]
      expect(errors, text).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'filter.search', rule } }])
      expectCatalogued(errors[0])
    }
  })

  it('shows a provider’s staff only the families of children in its care, and staff of no provider none', async () => {
    expect(await find('лебед', viewers.specialist('ngo', provider))).toEqual([lebedevs])
    expect(await find('лебед', viewers.specialist('ngo'))).toEqual([])
  })

  it('shows another side’s staff only the families whose consent shares the family’s data with that side', async () => {
    expect(await find('лебед', viewers.specialist('health'))).toEqual([lebedevs])
    expect(await find('лебед', viewers.specialist('education'))).toEqual([])
  })

  it('refuses analysts, who read no family, and audits each family read under the family', async () => {
    const refused = await social.query(FAMILIES, { filter: { search: 'лебед' } }, viewers.analyst('social'))
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'CATEGORY_FORBIDDEN' })
    await find('громова')
    await expect
      .poll(() => social.db.selectFrom('access_audit').select('categories').where('family_id', '=', gromovs).execute())
      .toEqual(expect.arrayContaining([{ categories: ['family'] }]))
  })
})
