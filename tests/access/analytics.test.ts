import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../subgraphs/social/src/db/database.js'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import {
  buildChild,
  insertChildren,
  insertCriterion,
  insertMunicipality,
  MUNICIPALITY,
} from '../../subgraphs/social/test/support/factories.js'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { socialSubgraph } from '../../subgraphs/social/test/support/subgraph.js'

const SUMMARY = /* GraphQL */ `
  query {
    registrySummary {
      municipality {
        oktmo
      }
      registryStatus
      count
      shown
    }
  }
`
const COHORT = /* GraphQL */ `
  query ($municipality: String!, $registryStatus: RegistryStatus!) {
    registryCohort(municipality: $municipality, registryStatus: $registryStatus) {
      birthYear
      sex
      criteria
      count
      shown
    }
  }
`

interface Cell {
  registryStatus: string
  count: number | null
  shown: string
}
interface Group {
  birthYear: number | null
  sex: string | null
  criteria: string[] | null
  count: number | null
  shown: string
}

describe.each(backends)('analytics without identity (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let inNeed: ReturnType<typeof buildChild>[]

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>(socialSubgraph, backend)
    await insertMunicipality(social.db)
    // Three children referred, seven in need: the first cell is small enough to single a child out.
    await insertChildren(
      social.db,
      Array.from({ length: 3 }, () => buildChild({ registry_status: 'REFERRED' })),
    )
    inNeed = await insertChildren(
      social.db,
      Array.from({ length: 7 }, (_, i) =>
        buildChild({ registry_status: 'IN_NEED', birth_date: `202${4 + (i % 2)}-05-0${i + 1}` }),
      ),
    )
    await insertCriterion(social.db, inNeed[0]!.id, { code: 'HEALTH_GROUP_IV_V' })
  })
  afterAll(() => social?.stop())

  const cells = (response: { data?: { registrySummary: Cell[] } | null }) =>
    Object.fromEntries(response.data!.registrySummary.map((cell) => [cell.registryStatus, [cell.count, cell.shown]]))

  it('shows an analyst a count of 1 to 4 as "<5" and others perturbed by at most 2, and staff the exact count', async () => {
    const analyst = await social.query<{ registrySummary: Cell[] }>(SUMMARY, {}, viewers.analyst('regional'))
    expect(analyst.errors).toBeUndefined()
    const seen = cells(analyst)
    expect(seen.REFERRED).toEqual([null, '<5'])
    const [inNeedCount, inNeedShown] = seen.IN_NEED!
    expect(inNeedShown).toBe(String(inNeedCount))
    expect(Math.abs(Number(inNeedCount) - 7)).toBeLessThanOrEqual(2)
    const coordinator = await social.query<{ registrySummary: Cell[] }>(SUMMARY, {}, viewers.coordinator('regional'))
    expect(cells(coordinator)).toEqual({ REFERRED: [3, '3'], IN_NEED: [7, '7'] })
  })

  it('lists a cell for an analyst as one group of its 7 children, generalised, the same in every request', async () => {
    const variables = { municipality: MUNICIPALITY.oktmo, registryStatus: 'IN_NEED' }
    const first = await social.query<{ registryCohort: Group[] }>(COHORT, variables, viewers.analyst('regional'))
    const again = await social.query<{ registryCohort: Group[] }>(COHORT, variables, viewers.analyst('health'))
    expect(first.errors).toBeUndefined()
    const groups = first.data!.registryCohort
    // No birth year holds 5 of the 7 children: every label is generalised away.
    expect(groups).toHaveLength(1)
    expect(groups[0]).toMatchObject({ birthYear: null, sex: null, criteria: null })
    expect(Math.abs(groups[0]!.count! - 7)).toBeLessThanOrEqual(2)
    expect(again.data!.registryCohort).toEqual(groups)
    expect(JSON.stringify(groups)).not.toMatch(new RegExp(inNeed.map((child) => child.id).join('|')))
  })

  it('lists a cell for staff as every combination with its exact count', async () => {
    const variables = { municipality: MUNICIPALITY.oktmo, registryStatus: 'IN_NEED' }
    const staff = await social.query<{ registryCohort: Group[] }>(COHORT, variables, viewers.coordinator('regional'))
    const groups = staff.data!.registryCohort
    expect(groups.reduce((sum, group) => sum + group.count!, 0)).toBe(7)
    expect(groups.filter((group) => group.criteria?.includes('HEALTH_GROUP_IV_V'))).toMatchObject([{ count: 1 }])
    const byYear = (year: number) =>
      groups.filter((group) => group.birthYear === year).reduce((sum, group) => sum + group.count!, 0)
    expect([byYear(2024), byYear(2025)]).toEqual([4, 3])
  })

  it('does not list a cell of fewer than 5 children for an analyst, nor anything for the public', async () => {
    const small = await social.query(
      COHORT,
      { municipality: MUNICIPALITY.oktmo, registryStatus: 'REFERRED' },
      viewers.analyst('regional'),
    )
    expect(small.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'registryCohort' })
    const audit = await social.db.selectFrom('access_audit').select('id').execute()
    expect(audit).toEqual([])
    const anonymous = await social.query(SUMMARY, {}, viewers.public())
    expect(anonymous.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', category: 'aggregates' })
  })
})
