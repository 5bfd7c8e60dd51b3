import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../src/db/database.js'
import { listChildren, nameHasWordStarting } from '../../src/modules/registry/queries/child.queries.js'
import { backends } from '@hub/testing/databases'
import { buildChild, insertChildren, insertCriterion, insertMunicipality, uniqueSnils } from '../support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { expectCatalogued } from '@hub/testing/error-rules'
import { daysFromToday } from '@hub/testing/writes'
import { socialSubgraph } from '../support/subgraph.js'

const OTHER = { oktmo: '71900000', name: 'Город Тестовск' }

describe.each(backends)('the registry of children (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let ids: Record<'plain' | 'other' | 'referred' | 'disabled' | 'expired', string>

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    await insertMunicipality(social.db, OTHER)
    const [plain, other, referred, disabled, expired] = await insertChildren(social.db, [
      buildChild(),
      buildChild({ municipality_oktmo: OTHER.oktmo }),
      buildChild({ registry_status: 'REFERRED' }),
      buildChild({ birth_date: daysFromToday(-1000) }),
      buildChild({ birth_date: daysFromToday(-1100) }),
    ])
    await insertCriterion(social.db, disabled!.id, { code: 'DISABLED_CHILD', source: 'SOCIAL' })
    await insertCriterion(social.db, expired!.id, {
      code: 'DISABLED_CHILD',
      source: 'SOCIAL',
      valid_from: '2024-01-01',
      valid_to: '2025-01-01',
    })
    ids = { plain: plain!.id, other: other!.id, referred: referred!.id, disabled: disabled!.id, expired: expired!.id }
  })
  afterAll(() => social?.stop())

  const search = async (text: string) => {
    const response = await social.query<{ children: { edges: { node: { id: string } }[] } }>(
      'query ($search: String) { children(filter: { search: $search }) { edges { node { id } } } }',
      { search: text },
    )
    return response.data ? response.data.children.edges.map((edge) => edge.node.id).sort() : response.errors
  }

  it('filters by municipality, registry status and criterion in force', async () => {
    const byMunicipality = await listChildren(social.db, { filter: { municipalityOktmo: [OTHER.oktmo] }, first: 10 })
    expect(byMunicipality.rows.map((child) => child.id)).toEqual([ids.other])

    const byStatus = await listChildren(social.db, { filter: { registryStatus: ['REFERRED'] }, first: 10 })
    expect(byStatus.rows.map((child) => child.id)).toEqual([ids.referred])

    const byCriterion = await listChildren(social.db, { filter: { criterion: ['DISABLED_CHILD'] }, first: 10 })
    expect(byCriterion.rows.map((child) => child.id)).toEqual([ids.disabled])
    expect(byCriterion.totalCount).toBe(1)
  })

  it('filters by birth date through the registry query, both ends inclusive', async () => {
    const childIds = async (filter: Record<string, string>) => {
      const response = await social.query<{ children: { edges: { node: { id: string } }[] } }>(
        /* GraphQL */ `
          query ($filter: ChildFilter) {
            children(filter: $filter) {
              edges {
                node {
                  id
                }
              }
            }
          }
        `,
        { filter },
      )
      return response.data!.children.edges.map((edge) => edge.node.id).sort()
    }
    expect(await childIds({ bornOnOrBefore: daysFromToday(-1000) })).toEqual([ids.disabled, ids.expired].sort())
    expect(await childIds({ bornOnOrAfter: daysFromToday(-1100), bornOnOrBefore: daysFromToday(-1001) })).toEqual([
      ids.expired,
    ])
  })

  it('counts every match while returning one page, and reports an empty page with its total', async () => {
    const firstPage = await listChildren(social.db, { filter: {}, first: 2 })
    expect(firstPage.totalCount).toBe(5)
    expect(firstPage.rows).toHaveLength(2)
    expect(firstPage.hasNextPage).toBe(true)

    const afterLast = await listChildren(social.db, {
      filter: {},
      first: 2,
      afterId: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
    })
    expect(afterLast).toEqual({ totalCount: 5, rows: [], hasNextPage: false })
  })

  it('rejects a page size outside 1..1000 naming the argument', async () => {
    for (const first of [0, 1001]) {
      const response = await social.query('query ($first: Int) { children(first: $first) { totalCount } }', { first })
      expect(response.data).toBeNull()
      expect(response.errors?.[0]).toMatchObject({
        message: 'first: must be between 1 and 1000',
        extensions: { code: 'BAD_USER_INPUT', field: 'first' },
      })
    }
  })

  it('rejects a cursor it did not issue', async () => {
    const response = await social.query('{ children(after: "garbage") { totalCount } }')
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } })
  })

  it('shows СНИЛС formatted and full names in the official order', async () => {
    const [child] = await insertChildren(social.db, [
      buildChild({ last_name: 'Петрова', first_name: 'Анна', patronymic: null, snils: '11223344595' }),
    ])
    const response = await social.query<{ child: { fullName: string; snils: string } }>(
      'query ($id: ID!) { child(id: $id) { fullName snils } }',
      { id: child!.id },
    )
    expect(response.data?.child).toEqual({ fullName: 'Петрова Анна', snils: '112-233-445 95' })
  })

  it('finds children by the beginning of any words of the name in any order, or by СНИЛС however written', async () => {
    const [alyona, alexey, ignat] = await insertChildren(social.db, [
      buildChild({ last_name: 'Семёнова', first_name: 'Алёна', patronymic: 'Петровна', snils: uniqueSnils() }),
      buildChild({ last_name: 'Семенов', first_name: 'Алексей', patronymic: null }),
      buildChild({ last_name: 'Лаврентьев', first_name: 'Игнат', patronymic: 'Мстиславович' }),
    ])
    expect(await search('семен')).toEqual([alyona!.id, alexey!.id].sort())
    expect(await search('  СЕМЁНОВА   алё')).toEqual([alyona!.id])
    expect(await search('Семенов Алексей')).toEqual([alexey!.id])
    expect(await search('Игнат Лавр')).toEqual([ignat!.id])
    expect(await search('мстисл лаврентьев иг')).toEqual([ignat!.id])
    expect(await search('Петровна')).toEqual([alyona!.id])
    expect(await search('Алёна Алексей')).toEqual([])
    expect(await search('ентьев')).toEqual([])
    expect(await search('Семенов, Алексей.')).toEqual([alexey!.id])
    const snils = alyona!.snils!
    expect(await search(`${snils.slice(0, 3)}-${snils.slice(3, 6)}-${snils.slice(6, 9)} ${snils.slice(9)}`)).toEqual([
      alyona!.id,
    ])
  })

  it('finds children born on a date typed in the search, alone or with words of the name', async () => {
    const [early, late, namesake] = await insertChildren(social.db, [
      buildChild({ last_name: 'Орлова', first_name: 'Вера', birth_date: '2025-03-12' }),
      buildChild({ last_name: 'Орлов', first_name: 'Глеб', birth_date: '2025-03-13' }),
      buildChild({ last_name: 'Зайцев', first_name: 'Глеб', birth_date: '2025-03-12' }),
    ])
    expect(await search('12.03.2025')).toEqual([early!.id, namesake!.id].sort())
    expect(await search('2025-03-12')).toEqual([early!.id, namesake!.id].sort())
    expect(await search('орл 12.03.2025')).toEqual([early!.id])
    expect(await search('13.3.2025 глеб')).toEqual([late!.id])
    expect(await search('Глеб 01.01.2020')).toEqual([])
  })

  it('serves a word of the name from the trigram index wherever it stands in the name', async () => {
    const plan = await social.db.transaction().execute(async (trx) => {
      // The test's table is small enough to scan: the planner is told not to, to show the index can serve the search.
      await sql`set local enable_seqscan = off`.execute(trx)
      const { rows } = await sql<{ 'QUERY PLAN': string }>`
        explain select id from child where ${nameHasWordStarting('child.name_key', 'игнат')}`.execute(trx)
      return rows.map((row) => row['QUERY PLAN']).join('\n')
    })
    expect(plan).toContain('child_name_words_idx')
  })

  it('refuses a search that is no СНИЛС, name or real date, naming the field and the rule', async () => {
    for (const [text, rule] of [
      ['31.02.2025', 'SEARCH_DATE'],
      ['Петров 2025-13-01', 'SEARCH_DATE'],
      ['12.03.2025 13.03.2025', 'SEARCH_DATE'],
      ['12/03/2025', 'SEARCH_DATE'],
      ['100%', 'SEARCH_TERM'],
      ['Петров 12', 'SEARCH_TERM'],
      ['%_', 'SEARCH_TERM'],
      ['с', 'TEXT_LENGTH'],
    ] as const) {
      const errors = (await search(text)) as { extensions: Record<string, unknown> }[]
      expect(errors, text).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'filter.search', rule } }])
      expectCatalogued(errors[0] as never)
    }
  })
})
