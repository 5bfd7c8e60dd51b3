import { isSuppressed } from '../../../kit/src/access/analytics.js'
import { hubError } from '../../../kit/src/errors.js'
import {
  reportTerritoryOf,
  staffingIndicatorsOf,
  type IndicatorsReference,
} from '../../../kit/src/staffing/indicators.js'
import type { RegionalIndicatorsResolvers } from '../__generated__/resolvers-types.js'
import { countPreschoolPlacement, findPreschoolSnapshot } from '../db/queries/preschool_indicator.queries.js'

/** The indicators as education receives them: with `@requires`, also the children who turned three in the period. */
export interface EducationIndicatorsReference extends IndicatorsReference {
  childrenTurningThree?: readonly string[] | null
}

export const RegionalIndicators: RegionalIndicatorsResolvers = {
  // Social owns the indicators: the period, the providers and the children arrive in the representation (@requires).
  __resolveReference: (ref) => ref,
  educationStaffing: staffingIndicatorsOf('EDUCATION'),
  educationPreschool: async (indicators, _args, { db, access }) => {
    const report = reportTerritoryOf(indicators.id)
    let figures
    if (report) {
      figures = await findPreschoolSnapshot(db, report.reportId, report.territory)
      if (!figures) {
        throw hubError('NOT_FOUND', `educationPreschool: no preschool figures of report ${report.reportId}`, {
          field: 'educationPreschool',
        })
      }
    } else if (indicators.period && indicators.childrenTurningThree) {
      figures = await countPreschoolPlacement(db, indicators.childrenTurningThree, indicators.period.to)
    } else {
      throw hubError('BAD_USER_INPUT', 'educationPreschool: requires the period and childrenTurningThree', {
        field: 'educationPreschool',
      })
    }
    const shown = (count: number) => (isSuppressed(access, count) ? null : count)
    return {
      reachedThree: shown(figures.reachedThree),
      enrolled: shown(figures.enrolled),
      directed: shown(figures.directed),
      queued: shown(figures.queued),
      withoutPlacement: shown(figures.withoutPlacement),
    }
  },
}
