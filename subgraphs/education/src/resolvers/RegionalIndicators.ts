import { cellOf, seesDepersonalised, shownCount, shownPartition } from '@hub/subgraph-kit/access/analytics'
import { hubError } from '@hub/platform/errors'
import { encodeCursor, pageInfoOf, pageOfIds, requireAfterId, requirePageSize } from '@hub/subgraph-kit/paging'
import { childrenPlaced, placementsByChild } from '@hub/side-contract/preschool'
import { requirePeriod } from '@hub/subgraph-kit/validation'
import {
  reportTerritoryOf,
  staffingIndicatorsOf,
  type IndicatorsReference,
} from '@hub/side-contract/staffing/indicators'
import type { RegionalIndicatorsResolvers } from '../__generated__/resolvers-types.js'
import type { Context } from '../context.js'
import type { PreschoolChildren } from '../db/database.js'
import {
  findPreschoolSnapshot,
  placePreschoolChildren,
  preschoolFigures,
} from '../db/queries/preschool_indicator.queries.js'

/** The indicators as education receives them: with `@requires`, also the children who turned three in the period. */
export interface EducationIndicatorsReference extends IndicatorsReference {
  childrenTurningThree?: readonly string[] | null
}

/**
 * The preschool part of the indicators: a filed report's as frozen, live ones from the queue today. `children` is
 * null for a report filed before the children were kept.
 */
async function preschoolOf(indicators: EducationIndicatorsReference, { db }: Context, field: string) {
  const report = reportTerritoryOf(indicators.id)
  if (report) {
    const snapshot = await findPreschoolSnapshot(db, report.reportId, report.territory)
    if (!snapshot) {
      throw hubError(
        'NOT_FOUND',
        'REPORT_FIGURES_MISSING',
        `${field}: no preschool figures of report ${report.reportId}`,
        { field },
      )
    }
    return snapshot
  }
  if (!indicators.period || !indicators.childrenTurningThree) {
    throw hubError('BAD_USER_INPUT', 'MALFORMED_REQUEST', `${field}: requires the period and childrenTurningThree`, {
      field,
    })
  }
  // The period comes in the representation: a caller reaching the subgraph directly may send any.
  const { to } = requirePeriod('period', indicators.period)
  const children = await placePreschoolChildren(db, indicators.childrenTurningThree, to)
  return { figures: preschoolFigures(children), children }
}

/** The children behind the preschool figures, by where each stands; a report filed before they were kept has none. */
async function childrenPlacedOf(
  indicators: EducationIndicatorsReference,
  context: Context,
  field: string,
): Promise<PreschoolChildren> {
  const { children } = await preschoolOf(indicators, context, field)
  if (!children) {
    throw hubError(
      'NOT_FOUND',
      'REPORT_FIGURES_MISSING',
      `${field}: the report was filed before its children were kept`,
      {
        field,
      },
    )
  }
  return children
}

export const RegionalIndicators: RegionalIndicatorsResolvers = {
  // Social owns the indicators: the period, the providers and the children arrive in the representation (@requires).
  __resolveReference: (ref) => ref,
  educationStaffing: staffingIndicatorsOf('EDUCATION'),
  educationPreschool: async (indicators, _args, context) => {
    const { figures, children } = await preschoolOf(indicators, context, 'educationPreschool')
    const { access } = context
    if (!seesDepersonalised(access)) return figures
    // A report filed before its children were kept has no cell keys to perturb its figures by.
    if (!children) return { reachedThree: null, enrolled: null, directed: null, queued: null, withoutPlacement: null }
    const reachedThree = cellOf(Object.values(children).flat())
    const withoutPlacement = cellOf([...children.queued, ...children.none])
    const [enrolled, directed, without] = shownPartition(access, reachedThree, [
      cellOf(children.enrolled),
      cellOf(children.directed),
      withoutPlacement,
    ])
    // The queued are a part of those without a placement, the rest of whom are not shown.
    const [queued] = shownPartition(access, withoutPlacement, [cellOf(children.queued)])
    return {
      reachedThree: shownCount(access, reachedThree).count,
      enrolled: enrolled!.count,
      directed: directed!.count,
      queued: without!.count === null ? null : queued!.count,
      withoutPlacement: without!.count,
    }
  },
  educationPreschoolChildren: (indicators, _args, context) =>
    childrenPlacedOf(indicators, context, 'educationPreschoolChildren'),
  educationPreschoolPlacementChildren: async (indicators, { placement, first, after }, context) => {
    const size = requirePageSize(first)
    const afterId = requireAfterId(after)
    const children = await childrenPlacedOf(indicators, context, 'educationPreschoolPlacementChildren')
    const page = pageOfIds(childrenPlaced(children, placement), size, afterId)
    const placements = placementsByChild(children)
    return {
      totalCount: page.totalCount,
      edges: page.ids.map((id) => ({ cursor: encodeCursor(id), node: { id }, placement: placements.get(id)! })),
      pageInfo: pageInfoOf(page.ids.at(-1), page.hasNextPage),
    }
  },
}
