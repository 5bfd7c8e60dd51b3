import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  IndicatorChildrenDocument,
  PreschoolCohortDocument,
  PreschoolPlacementChildrenDocument,
  RegionalIndicatorsDocument,
  type IndicatorChildrenQuery,
  type PreschoolPlacement,
  type PreschoolPlacementChildrenQuery,
  type RegionalIndicatorsFieldsFragment,
} from '../../schema/__generated__/operations.js'
import { viewers, type TestViewer } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { expectCatalogued } from '@hub/testing/error-rules'
import { startHub, type Hub } from '../support/hub.js'

const Q3 = { from: '2026-07-01', to: '2026-09-30' }
/** The seeded children are under three on 1 November 2026; the first turn three in the half-year after it. */
const TURNING_THREE = { from: '2026-11-01', to: '2027-04-30' }

type Connection = NonNullable<
  NonNullable<PreschoolPlacementChildrenQuery['indicators']>['educationPreschoolPlacementChildren']
>

describe.each(backends)('the named children behind the figures, through the gateway (%s)', (backend) => {
  let hub: Hub
  let q3: RegionalIndicatorsFieldsFragment
  let turningThree: RegionalIndicatorsFieldsFragment

  /** Every page of a preschool figure's children, 5 at a time. */
  async function placed(placement: PreschoolPlacement, as?: TestViewer) {
    const edges: Connection['edges'][number][] = []
    let after: string | null = null
    let totalCount = 0
    do {
      const page: Connection = (
        await hub.run(
          PreschoolPlacementChildrenDocument,
          { indicators: turningThree.id, placement, first: 5, after },
          as,
        )
      ).indicators!.educationPreschoolPlacementChildren!
      edges.push(...page.edges)
      totalCount = page.totalCount
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor! : null
    } while (after !== null)
    return { totalCount, edges }
  }

  beforeAll(async () => {
    hub = await startHub(backend)
    await hub.seed(200)
    q3 = (await hub.run(RegionalIndicatorsDocument, { period: Q3 })).regionalIndicators
    turningThree = (await hub.run(RegionalIndicatorsDocument, { period: TURNING_THREE })).regionalIndicators
  }, 180_000)
  afterAll(() => hub?.stop())

  it('names as many children as a figure of social counts, page after page', async () => {
    const count = q3.coverage.share.part.count!
    expect(count).toBeGreaterThan(20)
    const ids: string[] = []
    let after: string | null = null
    do {
      const page: IndicatorChildrenQuery['indicatorChildren'] = (
        await hub.run(IndicatorChildrenDocument, { indicators: q3.id, figure: 'RECEIVED', first: 20, after })
      ).indicatorChildren
      expect(page.totalCount).toBe(count)
      ids.push(...page.edges.map((edge) => edge.node.id))
      for (const edge of page.edges) expect(edge.keys).toEqual([edge.node.municipality.oktmo])
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor! : null
    } while (after !== null)
    expect(new Set(ids).size).toBe(count)
  })

  it('names the children of each preschool figure as education places them, with social’s names', async () => {
    const figures = turningThree.educationPreschool!
    const expected: Record<PreschoolPlacement, number> = {
      REACHED_THREE: figures.reachedThree!,
      ENROLLED: figures.enrolled!,
      DIRECTED: figures.directed!,
      QUEUED: figures.queued!,
      WITHOUT_PLACEMENT: figures.withoutPlacement!,
    }
    expect(expected.REACHED_THREE).toBeGreaterThan(5)
    expect(expected.WITHOUT_PLACEMENT).toBeGreaterThan(0)
    const named = {} as Record<PreschoolPlacement, Awaited<ReturnType<typeof placed>>>
    for (const placement of Object.keys(expected) as PreschoolPlacement[]) {
      named[placement] = await placed(placement)
      expect(named[placement].totalCount).toBe(expected[placement])
      expect(new Set(named[placement].edges.map((edge) => edge.node.id)).size).toBe(expected[placement])
      // The depersonalised groups of the same figure hold the same number of children.
      const groups = (await hub.run(PreschoolCohortDocument, { indicators: turningThree.id, placement })).indicators!
        .preschoolCohort
      expect(groups.reduce((sum, group) => sum + group.count!, 0)).toBe(expected[placement])
    }
    const placementOf = new Map(named.REACHED_THREE.edges.map((edge) => [edge.node.id, edge.placement]))
    for (const placement of ['ENROLLED', 'DIRECTED', 'QUEUED'] as const) {
      for (const edge of named[placement].edges) expect(placementOf.get(edge.node.id)).toBe(placement)
    }
    for (const edge of named.WITHOUT_PLACEMENT.edges) expect(['QUEUED', 'WITHOUT_PLACEMENT']).toContain(edge.placement)

    const first = named.REACHED_THREE.edges[0]!.node
    const row = await hub.databases.social.db
      .selectFrom('child')
      .select(['last_name', 'birth_date', 'municipality_oktmo'])
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow()
    expect(first.fullName.startsWith(`${row.last_name} `)).toBe(true)
    expect(first.birthDate).toBe(row.birth_date)
    expect(first.municipality.oktmo).toBe(row.municipality_oktmo)
  })

  it('writes each named child to education’s audit and to social’s, under the reader', async () => {
    const reader: TestViewer = { ...viewers.coordinator('regional'), subject: 'preschool-drill-down' }
    const page = (
      await hub.run(
        PreschoolPlacementChildrenDocument,
        { indicators: turningThree.id, placement: 'ENROLLED', first: 5 },
        reader,
      )
    ).indicators!.educationPreschoolPlacementChildren!
    const ids = page.edges.map((edge) => edge.node.id).sort()
    expect(ids.length).toBeGreaterThan(0)
    const education = await hub.databases.education.db
      .selectFrom('access_audit')
      .select(['child_id', 'categories', 'operation'])
      .where('subject', '=', 'preschool-drill-down')
      .orderBy('child_id')
      .execute()
    expect(education).toEqual(
      ids.map((id) => ({ child_id: id, categories: ['education'], operation: 'PreschoolPlacementChildren' })),
    )
    const social = await hub.databases.social.db
      .selectFrom('access_audit')
      .select(['child_id', 'categories'])
      .where('subject', '=', 'preschool-drill-down')
      .orderBy('child_id')
      .execute()
    expect(social.map((row) => row.child_id)).toEqual(ids)
    for (const row of social) expect(row.categories).toEqual(['criteria', 'identity'])
  })

  it('refuses the named lists to an analyst and to a provider’s staff, naming the rule, and names nobody', async () => {
    const quarter = (await hub.run(RegionalIndicatorsDocument, { period: { from: '2026-10-01', to: '2026-12-31' } }))
      .regionalIndicators
    const provider = await hub.databases.social.db
      .selectFrom('provider')
      .select('id')
      .where('side', '=', 'NGO')
      .executeTakeFirstOrThrow()
    for (const caller of [viewers.analyst('regional'), viewers.specialist('ngo', provider.id)]) {
      const social = await hub.query(IndicatorChildrenDocument, { indicators: quarter.id, figure: 'IN_NEED' }, caller)
      expect(social.data).toBeNull()
      expect(social.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'NAMED_LIST_FORBIDDEN' })
      expectCatalogued(social.errors?.[0])

      const education = await hub.query<PreschoolPlacementChildrenQuery>(
        PreschoolPlacementChildrenDocument,
        { indicators: quarter.id, placement: 'REACHED_THREE' },
        caller,
      )
      expect(education.data?.indicators?.educationPreschoolPlacementChildren).toBeNull()
      expect(education.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'NAMED_LIST_FORBIDDEN' })
      expectCatalogued(education.errors?.[0])
    }
  })
})
