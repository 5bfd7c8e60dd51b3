import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DB } from '../../src/db/database.js'
import { listChildren } from '../../src/modules/registry/queries/child.queries.js'
import { DEFAULT_TIME_ZONE, regionDay, setRegionTimeZone } from '@hub/platform/region-time'
import { addDays } from '@hub/subgraph-kit/validation'
import { viewers } from '@hub/testing/auth'
import { backends } from '@hub/testing/databases'
import { startSubgraphForTest } from '@hub/testing/subgraph'
import { TEST_TIME_ZONES, zoneInstant } from '@hub/testing/writes'
import { buildChild, insertChildren, insertCriterion, insertMunicipality } from '../support/factories.js'
import { socialSubgraph } from '../support/subgraph.js'

const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterChildInput!) {
    registerChild(input: $input) {
      child {
        birthDate
      }
    }
  }
`

describe.each(backends)("today in the region's time zone (%s)", (backend) => {
  describe.each(TEST_TIME_ZONES)('$zone', ({ zone, hours }) => {
    let social: Awaited<ReturnType<typeof startSubgraphForTest<DB>>>
    // A caller of its own per zone: its token is signed at the zone's faked time, not at another's.
    const coordinator = { ...viewers.coordinator('social'), subject: `social-coordinator-${zone}` }

    beforeAll(async () => {
      setRegionTimeZone(zone)
      social = await startSubgraphForTest<DB>(socialSubgraph, backend)
      await insertMunicipality(social.db)
    })
    afterEach(() => vi.useRealTimers())
    afterAll(async () => {
      await social?.stop()
      setRegionTimeZone(DEFAULT_TIME_ZONE)
    })

    /** Half past midnight of the region's today, when UTC is still on the day before. */
    function halfPastMidnight() {
      const day = regionDay()
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(zoneInstant(day, '00:30', hours))
      expect(new Date().toISOString().slice(0, 10)).toBe(addDays(day, -1))
      return day
    }

    const register = (birthDate: string) =>
      social.query<{ registerChild: { child: { birthDate: string } } }>(
        REGISTER,
        {
          input: {
            lastName: 'Полуночная',
            firstName: 'Анна',
            birthDate,
            sex: 'FEMALE',
            municipality: '71800000',
          },
        },
        coordinator,
      )

    it("accepts a child born on the region's today at 00:30 there", async () => {
      const day = halfPastMidnight()
      const response = await register(day)
      expect(response.errors).toBeUndefined()
      expect(response.data?.registerChild.child.birthDate).toBe(day)
    })

    it("refuses a birth on the region's tomorrow as in the future, naming the field", async () => {
      const day = halfPastMidnight()
      const response = await register(addDays(day, 1))
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        rule: 'DATE_IN_FUTURE',
        field: 'input.birthDate',
      })
    })

    it("does not count a criterion that ended on the region's yesterday as current", async () => {
      const today = regionDay()
      const [ended, current] = await insertChildren(social.db, [buildChild(), buildChild()])
      const criterion = { code: 'DISABLED_CHILD', source: 'SOCIAL', valid_from: '2024-01-01' } as const
      await insertCriterion(social.db, ended!.id, { ...criterion, valid_to: addDays(today, -1) })
      await insertCriterion(social.db, current!.id, { ...criterion, valid_to: today })
      const listed = await listChildren(social.db, { filter: { criterion: ['DISABLED_CHILD'] }, first: 10 })
      expect(listed.rows.map((child) => child.id)).toEqual([current!.id])
    })
  })
})
