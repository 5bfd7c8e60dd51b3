import type { Kysely } from 'kysely'
import type { SubgraphName } from '@hub/platform/sides'
import { computeStaffingFigures } from '@hub/side-contract/staffing/indicators'
import { staffingView, type StaffingFigures, type StaffingTables } from '@hub/side-contract/staffing/database'
import type { DB as EducationDB, PreschoolFigures } from '../../subgraphs/education/src/db/database.js'
import {
  placePreschoolChildren,
  preschoolFigures,
} from '../../subgraphs/education/src/db/queries/preschool_indicator.queries.js'
import type { CoverageRule, DB as SocialDB } from '../../subgraphs/social/src/db/database.js'
import {
  countFigures,
  type FigureRow,
} from '../../subgraphs/social/src/modules/monitoring/queries/indicator.queries.js'
import { listProviderRequirements } from '../../subgraphs/social/src/modules/providers/queries/provider.queries.js'
import { periodsOf } from '../../subgraphs/social/src/modules/monitoring/services/indicators.js'

/** Each side's schema of the monolith, seen by the subgraph's own queries (their tables are unqualified). */
export interface SideDatabases {
  social: Kysely<SocialDB>
  health: Kysely<StaffingTables>
  education: Kysely<EducationDB>
  ngo: Kysely<StaffingTables>
}

/** The monolith's own shape of the regional indicators: social's figure rows as counted, and the sides' parts. */
export interface MonolithIndicators {
  period: { from: string; to: string }
  coverageRule: CoverageRule
  /** Every figure by key, as social's indicator SQL counts it (the own period and the trend quarters). */
  figures: Pick<FigureRow, 'figure' | 'key' | 'count'>[]
  educationPreschool: PreschoolFigures
  staffing: Record<SubgraphName, StaffingFigures>
}

/**
 * `RegionalIndicators` of the whole region for a period, with the same SQL the subgraphs run, in one process: social's
 * figures with the children who turned three, then (with social's providers) each side's staffing and education's
 * preschool placement, without a hop between services.
 */
export async function regionalIndicators(
  sides: SideDatabases,
  period: { from: string; to: string },
  coverageRule: CoverageRule = 'PROGRAMME_IN_FORCE',
): Promise<MonolithIndicators> {
  const scope = { ...period, municipality: null, coverageRule }
  const [figures, requirements] = await Promise.all([
    countFigures(sides.social, scope, periodsOf(scope)),
    listProviderRequirements(sides.social, null, period.to),
  ])
  const turningThree = figures.find((row) => row.figure === 'REACHED_THREE')?.childIds ?? []
  const [social, health, education, ngo, placed] = await Promise.all([
    computeStaffingFigures(staffingView(sides.social), 'SOCIAL', period, requirements),
    computeStaffingFigures(sides.health, 'HEALTH', period, requirements),
    computeStaffingFigures(staffingView(sides.education), 'EDUCATION', period, requirements),
    computeStaffingFigures(sides.ngo, 'NGO', period, requirements),
    placePreschoolChildren(sides.education, turningThree, period.to),
  ])
  return {
    period,
    coverageRule,
    figures: figures.map(({ figure, key, count }) => ({ figure, key, count })),
    educationPreschool: preschoolFigures(placed),
    staffing: { social, health, education, ngo },
  }
}
