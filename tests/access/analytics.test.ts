import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../subgraphs/social/src/db/database.js'
import { viewers } from '../support/auth.js'
import { backends } from '../support/databases.js'
import {
  buildChild,
  insertChildren,
  insertCriterion,
  insertMunicipality,
  MUNICIPALITY,
} from '../support/factories/social.js'
import { startSubgraphForTest } from '../support/subgraph.js'

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
      pseudonym
      birthYear
      sex
      criteria
    }
  }
`

interface Cell {
  registryStatus: string
  count: number | null
  shown: string
}
interface Member {
  pseudonym: string
  birthYear: number
  sex: string
  criteria: string[]
}

describe.each(backends)('analytics without identity (%s)', (backend) => {
  let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
  let inNeed: ReturnType<typeof buildChild>[]

  beforeAll(async () => {
    social = await startSubgraphForTest<DB>('social', backend)
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

  it('shows an analyst a count of 1 to 4 as "<5", and staff the exact count', async () => {
    const analyst = await social.query<{ registrySummary: Cell[] }>(SUMMARY, {}, viewers.analyst('regional'))
    expect(analyst.errors).toBeUndefined()
    expect(cells(analyst)).toEqual({ REFERRED: [null, '<5'], IN_NEED: [7, '7'] })
    const coordinator = await social.query<{ registrySummary: Cell[] }>(SUMMARY, {}, viewers.coordinator('regional'))
    expect(cells(coordinator)).toEqual({ REFERRED: [3, '3'], IN_NEED: [7, '7'] })
  })

  it('lists a cell for an analyst under pseudonyms, the same in every request and never the ids', async () => {
    const variables = { municipality: MUNICIPALITY.oktmo, registryStatus: 'IN_NEED' }
    const first = await social.query<{ registryCohort: Member[] }>(COHORT, variables, viewers.analyst('regional'))
    const again = await social.query<{ registryCohort: Member[] }>(COHORT, variables, viewers.analyst('health'))
    expect(first.errors).toBeUndefined()
    const members = first.data!.registryCohort
    expect(members).toHaveLength(7)
    expect(again.data!.registryCohort).toEqual(members)
    const ids = new Set(inNeed.map((child) => child.id))
    expect(members.filter((member) => ids.has(member.pseudonym))).toEqual([])
    expect(JSON.stringify(members)).not.toMatch(/Иванов|2024-05|2025-05/)
    expect(members.map((member) => member.birthYear).sort()).toEqual([2024, 2024, 2024, 2024, 2025, 2025, 2025])
    expect(members.filter((member) => member.criteria.includes('HEALTH_GROUP_IV_V'))).toHaveLength(1)
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
