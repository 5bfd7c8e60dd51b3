import type { Transaction } from 'kysely'
import { staffingView } from '@hub/side-contract/staffing/database'
import { freezeStaffing, type ReportTerritory } from '@hub/side-contract/staffing/indicators'
import type { DB } from '../db/database.js'
import { insertPreschoolSnapshot, placePreschoolChildren } from '../db/queries/preschool_indicator.queries.js'

/** Education's parts of a report being filed, for each territory: its staffing, and the placement of the children. */
export async function freezeReportIndicators(trx: Transaction<DB>, territories: readonly ReportTerritory[]) {
  await freezeStaffing(staffingView(trx), 'EDUCATION', territories)
  for (const territory of territories) {
    const children = await placePreschoolChildren(trx, territory.childrenTurningThree, territory.to)
    await insertPreschoolSnapshot(trx, territory.reportId, territory.territory, children)
  }
  return territories.length
}
