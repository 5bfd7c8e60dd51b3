import type { Viewer } from '@hub/platform/auth/viewer'
import { staffingView } from '@hub/side-contract/staffing/database'
import { freezeStaffing, reportTerritories, type ReportFreezeInput } from '@hub/side-contract/staffing/indicators'
import { freezeReportIndicators } from '../../subgraphs/education/src/services/indicators.js'
import {
  DEFINITION_VERSION,
  fileQuarterlyReport,
  quarterPeriod,
  reportDueOn,
} from '../../subgraphs/social/src/modules/monitoring/services/indicators.js'
import { demoUsers } from '../../idp/src/users.js'
import type { HubDatabases } from '../seed.js'
import { DAY_MS, dayOf } from './days.js'

/** Who files the demo's reports: the regional coordinator the development identity provider signs in. */
function demoFiler(): Viewer {
  const coordinator = demoUsers().find((user) => user.id === 'regional-coordinator')!
  return {
    subject: coordinator.login,
    name: coordinator.name,
    side: 'regional',
    organisation: null,
    role: 'coordinator',
  }
}

/** How many years of quarters the demo has filed: as far back as the seeded pathway goes. */
const FILED_YEARS = 3

/**
 * The quarters the region's coordinator has filed by `today`: every quarter of the last three years whose report was
 * due before today. The quarter that has just ended, with its report still to come, is left for the user to file.
 */
export function demoReportQuarters(today: string) {
  const earliest = `${Number(today.slice(0, 4)) - FILED_YEARS}${today.slice(4)}`
  const quarters: { year: number; quarter: number }[] = []
  for (let year = Number(earliest.slice(0, 4)); year <= Number(today.slice(0, 4)); year++) {
    for (let quarter = 1; quarter <= 4; quarter++) {
      if (quarterPeriod(year, quarter).from >= earliest && reportDueOn(year, quarter) < today) {
        quarters.push({ year, quarter })
      }
    }
  }
  return quarters
}

/** Each other side freezes its parts directly in its database, as its `freezeReportIndicators` would. */
async function freezeSides(databases: HubDatabases, parts: readonly ReportFreezeInput[]) {
  const territories = reportTerritories(parts)
  await Promise.all([
    databases.health.transaction().execute((trx) => freezeStaffing(staffingView(trx), 'HEALTH', territories)),
    databases.ngo.transaction().execute((trx) => freezeStaffing(staffingView(trx), 'NGO', territories)),
    databases.education.transaction().execute((trx) => freezeReportIndicators(trx, territories)),
  ])
}

/**
 * Files the demo's past quarterly reports, each two days before it was due (so on time), through the same filing as
 * `fileQuarterlyReport`: a newcomer's reports page has a history, and only the latest quarter waits to be filed.
 */
export async function fileDemoReports(databases: HubDatabases, today: string) {
  const quarters = demoReportQuarters(today)
  for (const { year, quarter } of quarters) {
    // 06:00 UTC is the same calendar day in every Russian time zone (UTC+2 to UTC+12).
    const filedAt = new Date((dayOf(reportDueOn(year, quarter)) - 2) * DAY_MS + 6 * 3_600_000)
    await databases.social.transaction().execute((trx) =>
      fileQuarterlyReport(
        trx,
        { year, quarter, definitionVersion: DEFINITION_VERSION, coverageRule: 'PROGRAMME_IN_FORCE' },
        {
          viewer: demoFiler(),
          today,
          filedAt,
          freezeSides: (parts) => freezeSides(databases, parts),
        },
      ),
    )
  }
  return quarters.length
}
