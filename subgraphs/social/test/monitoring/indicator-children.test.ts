import { print } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IndicatorChildrenDocument } from '@hub/schema/operations'
import type { DB } from '../../src/db/database.js'
import { viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { expectCatalogued } from '@hub/testing/error-rules'
import {
  buildChild,
  insertChildren,
  insertCriterion,
  insertMunicipality,
  insertProgramme,
  insertProvider,
} from '../support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { socialSubgraph } from '../support/subgraph.js'

const Q3 = { from: '2026-07-01', to: '2026-09-30' }
const OTHER = { oktmo: '71900000', name: 'Город Тестовск' }

const INDICATORS = /* GraphQL */ `
  query ($period: PeriodInput!) {
    regionalIndicators(period: $period) {
      id
      coverage {
        share {
          total {
            count
          }
        }
      }
      coverageByMunicipality {
        municipality {
          oktmo
        }
        coverage {
          share {
            total {
              count
            }
          }
        }
      }
      recipients {
        byCriterion {
          key
          count
        }
      }
    }
  }
`

/** The committed drill-down, sent straight to social: every field it reads is social's. */
const CHILDREN = print(IndicatorChildrenDocument)

const COHORT = /* GraphQL */ `
  query ($indicators: ID!, $figure: IndicatorFigure!, $key: String) {
    indicatorCohort(indicators: $indicators, figure: $figure, key: $key) {
      count
    }
  }
`

interface Indicators {
  id: string
  coverage: { share: { total: { count: number } } }
  coverageByMunicipality: { municipality: { oktmo: string }; coverage: { share: { total: { count: number } } } }[]
  recipients: { byCriterion: { key: string; count: number }[] }
}

interface Page {
  totalCount: number
  pageInfo: { hasNextPage: boolean; endCursor: string | null }
  edges: {
    keys: string[]
    node: { id: string; fullName: string; birthDate: string; municipality: { oktmo: string } }
  }[]
}

const COORDINATOR = viewers.coordinator('regional')

describe.each(backends)('the named children behind a figure (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let provider: Awaited<ReturnType<typeof insertProvider>>
  let indicators: Indicators
  const here: string[] = []
  const there: string[] = []
  const disabled: string[] = []

  const page = async (variables: Record<string, unknown>, as: TestViewer = COORDINATOR) =>
    social.query<{ indicatorChildren: Page }>(CHILDREN, { indicators: indicators.id, ...variables }, as)

  /** Every page of a figure's children, following the cursors. */
  async function allPages(variables: Record<string, unknown>, first: number) {
    const pages: Page[] = []
    let after: string | null = null
    do {
      const response = await page({ ...variables, first, after })
      expect(response.errors).toBeUndefined()
      pages.push(response.data!.indicatorChildren)
      after = pages.at(-1)!.pageInfo.hasNextPage ? pages.at(-1)!.pageInfo.endCursor : null
    } while (after !== null)
    return pages
  }

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    await insertMunicipality(social.db, OTHER)
    provider = await insertProvider(social.db)
    const rows = [
      ...Array.from({ length: 7 }, (_, n) => buildChild({ last_name: `Здешний${n}` })),
      ...Array.from({ length: 3 }, (_, n) =>
        buildChild({ last_name: `Тамошний${n}`, municipality_oktmo: OTHER.oktmo }),
      ),
    ]
    await insertChildren(social.db, rows)
    for (const row of rows) {
      await insertProgramme(social.db, row.id, provider.id)
      ;(row.municipality_oktmo === OTHER.oktmo ? there : here).push(row.id)
    }
    // Registered, never referred: counted as potentially in need, not in need.
    await insertChildren(social.db, [buildChild({ last_name: 'Ожидающий' })])
    for (const id of [here[0]!, here[1]!, there[0]!]) {
      await insertCriterion(social.db, id, { code: 'DISABLED_CHILD', source: 'SOCIAL', valid_from: '2026-01-01' })
      disabled.push(id)
    }
    await insertCriterion(social.db, here[0]!, {
      code: 'HEALTH_GROUP_IV_V',
      source: 'HEALTH',
      valid_from: '2026-01-01',
    })
    const response = await social.query<{ regionalIndicators: Indicators }>(INDICATORS, { period: Q3 }, COORDINATOR)
    expect(response.errors).toBeUndefined()
    indicators = response.data!.regionalIndicators
  })
  afterAll(() => social?.stop())

  it('names exactly the children the figure counts, a page at a time, each with the key it is counted under', async () => {
    const inNeed = indicators.coverage.share.total.count
    expect(inNeed).toBe(here.length + there.length)
    const pages = await allPages({ figure: 'IN_NEED' }, 4)
    expect(pages.map((one) => one.edges.length)).toEqual([4, 4, 2])
    expect(pages.every((one) => one.totalCount === inNeed)).toBe(true)
    const edges = pages.flatMap((one) => one.edges)
    expect(edges.map((edge) => edge.node.id)).toEqual([...here, ...there].sort())
    for (const edge of edges) expect(edge.keys).toEqual([edge.node.municipality.oktmo])
    expect(edges.find((edge) => edge.node.id === here[0])?.node.fullName).toMatch(/^Здешний0 Тест\d+ Иванович$/)

    // The depersonalised cohort of the same figure holds as many children: one definition behind both.
    const cohort = await social.query<{ indicatorCohort: { count: number }[] }>(
      COHORT,
      { indicators: indicators.id, figure: 'IN_NEED' },
      COORDINATOR,
    )
    expect(cohort.data!.indicatorCohort.reduce((sum, group) => sum + group.count, 0)).toBe(inNeed)
  })

  it('answers a page with one statement for the figure and one for its children, however long the page', async () => {
    for (const first of [2, 10]) {
      social.statements.length = 0
      const response = await page({ figure: 'IN_NEED', first })
      expect(response.data!.indicatorChildren.edges).toHaveLength(first)
      expect(social.statements.filter((statement) => statement.includes('child_need as ('))).toHaveLength(1)
      expect(social.statements.filter((statement) => statement.includes('from "child"'))).toHaveLength(1)
      expect(social.statements.filter((statement) => statement.includes('from "child_criterion"'))).toHaveLength(1)
    }
  })

  it('narrows to one key, and gives a child counted under several keys all of them', async () => {
    const otherCount = indicators.coverageByMunicipality.find((row) => row.municipality.oktmo === OTHER.oktmo)!.coverage
      .share.total.count
    const other = (await page({ figure: 'IN_NEED', key: OTHER.oktmo })).data!.indicatorChildren
    expect(other.totalCount).toBe(otherCount)
    expect(other.edges.map((edge) => edge.node.id)).toEqual([...there].sort())

    const byCriterion = (await page({ figure: 'RECIPIENTS_BY_CRITERION' })).data!.indicatorChildren
    expect(byCriterion.edges.map((edge) => edge.node.id)).toEqual([...disabled].sort())
    expect(byCriterion.edges.find((edge) => edge.node.id === here[0])?.keys).toEqual([
      'DISABLED_CHILD',
      'HEALTH_GROUP_IV_V',
    ])
    const disabledCount = indicators.recipients.byCriterion.find((row) => row.key === 'DISABLED_CHILD')!.count
    const onlyDisabled = (await page({ figure: 'RECIPIENTS_BY_CRITERION', key: 'DISABLED_CHILD' })).data!
    expect(onlyDisabled.indicatorChildren.totalCount).toBe(disabledCount)
  })

  it('names the children of a filed report as it froze them', async () => {
    const filed = await social.query<{ fileQuarterlyReport: { region: { id: string } } }>(
      'mutation { fileQuarterlyReport(input: { year: 2026, quarter: 3, definitionVersion: "2026.1" }) { region { id } } }',
      {},
      COORDINATOR,
    )
    expect(filed.errors).toBeUndefined()
    const report = await social.query<{ indicatorChildren: Page }>(
      CHILDREN,
      { indicators: filed.data!.fileQuarterlyReport.region.id, figure: 'IN_NEED' },
      COORDINATOR,
    )
    expect(report.data!.indicatorChildren.edges.map((edge) => [edge.node.id, edge.keys])).toEqual(
      [...here, ...there].sort().map((id) => [id, [here.includes(id) ? '71800000' : OTHER.oktmo]]),
    )
  })

  it('writes each child it names to the access audit, as any read of a child’s identity', async () => {
    const coordinator: TestViewer = { ...COORDINATOR, subject: 'drill-down-coordinator' }
    const response = await page({ figure: 'IN_NEED', key: OTHER.oktmo }, coordinator)
    expect(response.errors).toBeUndefined()
    const audit = await social.db
      .selectFrom('access_audit')
      .select(['child_id', 'categories', 'operation', 'side', 'role'])
      .where('subject', '=', 'drill-down-coordinator')
      .execute()
    expect(audit.map((row) => row.child_id).sort()).toEqual([...there].sort())
    for (const row of audit) {
      expect(row).toMatchObject({
        categories: ['criteria', 'identity'],
        operation: 'IndicatorChildren',
        side: 'regional',
      })
    }
  })

  it('refuses analysts and a provider’s staff, with a rule of the catalogue, and names nobody', async () => {
    for (const caller of [viewers.analyst('regional'), viewers.specialist('ngo', provider.id)]) {
      const refused = await page({ figure: 'IN_NEED' }, caller)
      expect(refused.data).toBeNull()
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        rule: 'NAMED_LIST_FORBIDDEN',
        field: 'Query.indicatorChildren',
      })
      expectCatalogued(refused.errors?.[0])
    }
    // The analyst keeps the depersonalised groups of the same figure.
    const groups = await social.query<{ indicatorCohort: { count: number }[] }>(
      COHORT,
      { indicators: indicators.id, figure: 'IN_NEED' },
      viewers.analyst('regional'),
    )
    expect(groups.errors).toBeUndefined()
    expect(groups.data!.indicatorCohort.length).toBeGreaterThan(0)
  })

  it('refuses a page size outside 1..1000 and a cursor it did not issue, naming the argument', async () => {
    const tooLong = await page({ figure: 'IN_NEED', first: 1001 })
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' })
    const garbage = await page({ figure: 'IN_NEED', after: 'garbage' })
    expect(garbage.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
      rule: 'PAGE_CURSOR',
    })
  })
})
