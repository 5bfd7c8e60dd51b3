import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig as loadGatewayConfig } from '../../../gateway/src/config.js'
import { loadConfig as loadSocialConfig } from '../../../subgraphs/social/src/config.js'
import type { DB } from '../../../subgraphs/social/src/db/database.js'
import { socialSubgraph } from '../../../subgraphs/social/test/support/subgraph.js'
import { loadSubgraphConfig } from '@hub/subgraph-kit/config'
import { DEFAULT_TIME_ZONE, regionDay, regionTime, setRegionTimeZone } from '@hub/platform/region-time'
import { ConfigError } from '@hub/platform/variables'
import { backends, openTestDatabase } from '@hub/testing/databases'
import { TEST_TIME_ZONES as ZONES, zoneInstant } from '@hub/testing/writes'

describe("the region's time zone", () => {
  afterAll(() => setRegionTimeZone(DEFAULT_TIME_ZONE))

  it.each(ZONES)(
    "counts 00:30 in $zone as the region's new day, while UTC is still on the day before",
    ({ zone, hours }) => {
      const halfPastMidnight = zoneInstant('2026-03-10', '00:30', hours)
      expect(halfPastMidnight.toISOString().slice(0, 10)).toBe('2026-03-09')
      expect(regionTime(halfPastMidnight, zone)).toEqual({ day: '2026-03-10', time: '00:30' })
      const beforeMidnight = new Date(halfPastMidnight.getTime() - 3_600_000)
      expect(regionDay(beforeMidnight, zone)).toBe('2026-03-09')
    },
  )

  it('counts today in the zone set for the process', () => {
    const instant = new Date('2026-03-09T13:00:00Z')
    setRegionTimeZone('Asia/Kamchatka')
    expect(regionDay(instant)).toBe('2026-03-10')
    setRegionTimeZone('Europe/Moscow')
    expect(regionDay(instant)).toBe('2026-03-09')
  })

  it('reads HUB_TIME_ZONE in every service, Europe/Moscow unless set', () => {
    expect(loadSubgraphConfig('health', {}).timeZone).toBe('Europe/Moscow')
    expect(loadGatewayConfig({}).timeZone).toBe('Europe/Moscow')
    const social = loadSocialConfig({ HUB_TIME_ZONE: 'Asia/Vladivostok' })
    expect(social.timeZone).toBe('Asia/Vladivostok')
    expect(social.notifications.timeZone).toBe('Asia/Vladivostok')
  })

  it('refuses a zone that is not an IANA name, naming the variable', () => {
    const refusal = new ConfigError('HUB_TIME_ZONE: must be an IANA time zone such as Europe/Moscow, got "MSK+7"')
    expect(() => loadSubgraphConfig('education', { HUB_TIME_ZONE: 'MSK+7' })).toThrow(refusal)
    expect(() => loadGatewayConfig({ HUB_TIME_ZONE: 'MSK+7' })).toThrow(refusal)
  })
})

describe.each(backends)("a database session in the region's zone (%s)", (backend) => {
  afterAll(() => setRegionTimeZone(DEFAULT_TIME_ZONE))

  it.each(ZONES)("has $zone's day as current_date", async ({ zone }) => {
    setRegionTimeZone(zone)
    const database = await openTestDatabase<DB>(socialSubgraph, backend)
    try {
      const { rows } = await sql<{ zone: string; today: string; now: Date }>`
        select current_setting('TimeZone') as zone, current_date::text as today, now() as now
      `.execute(database.db)
      expect(rows[0]!.zone).toBe(zone)
      expect(rows[0]!.today).toBe(regionDay(rows[0]!.now, zone))
    } finally {
      await database.close()
    }
  })
})
