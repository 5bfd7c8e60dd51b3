import { badUserInput } from '@hub/platform/errors'
import { requireReportingPeriod, shownCount } from '@hub/subgraph-kit/access/analytics'
import type { RequestAccess } from '@hub/subgraph-kit/access/request'
import { loadExisting } from '@hub/subgraph-kit/loaders'
import { pageOfIds, requireAfterId, requirePageSize } from '@hub/subgraph-kit/paging'
import { requireIntegerBetween, requireOktmo, requirePeriod, today } from '@hub/subgraph-kit/validation'
import type { IndicatorFigure, QueryResolvers } from '../../../__generated__/resolvers-types.js'
import { workOf } from '../../../attribution.js'
import type { Context } from '../../../context.js'
import {
  countChildrenByMunicipalityAndStatus,
  findDepersonalisedByIds,
  listCohort,
} from '../../registry/queries/child.queries.js'
import { listQuarterlyReports } from '../queries/quarterly_report.queries.js'
import {
  listConsentsRequiringAttention,
  listExpiredCriteria,
  listProgrammeDraftsAwaitingSignature,
  type WorkQueueQuery,
} from '../queries/work_queue.queries.js'
import { depersonalisedGroups } from '../services/cohorts.js'
import { figureChildren, liveIndicators } from '../services/indicators.js'
import { indicatorsById } from './RegionalIndicators.js'

/**
 * The rows of a work queue a caller asks for: a provider's staff get only what concerns their own organisation, and
 * naming another is refused rather than silently narrowed.
 */
function workQueue(
  access: RequestAccess,
  filter: { municipality?: string | null; provider?: string | null } | null | undefined,
  first: number | null | undefined,
  offset: number | null | undefined,
): WorkQueueQuery {
  const skip = offset ?? 0
  if (!Number.isInteger(skip) || skip < 0)
    throw badUserInput('offset', 'NUMBER_AT_LEAST', 'must be a whole number, 0 or more', { min: 0 })
  const query: WorkQueueQuery = { today: today(), first: requirePageSize(first), offset: skip }
  if (filter?.municipality != null) query.municipalityOktmo = requireOktmo('filter.municipality', filter.municipality)
  const providerId = workOf(access, 'filter.provider', filter?.provider)
  if (providerId !== undefined) query.providerId = providerId
  return query
}

/** The children behind one figure of the indicators an id names, each with the keys it is counted under. */
async function childrenOfFigure(
  { db, loaders, access }: Context,
  indicators: string,
  figure: IndicatorFigure,
  key: string | null | undefined,
) {
  const parent = await indicatorsById(loaders, access, 'indicators', indicators)
  if (parent === null) throw badUserInput('indicators', 'UNKNOWN_REPORT', 'names no filed report')
  return figureChildren(db, parent, figure, key ?? null)
}

export const Query: QueryResolvers = {
  expiredCriteria: (_parent, { filter, first, offset }, { db, access }) =>
    listExpiredCriteria(db, workQueue(access, filter, first, offset)),
  programmeDraftsAwaitingSignature: (_parent, { filter, first, offset }, { db, access }) =>
    listProgrammeDraftsAwaitingSignature(db, workQueue(access, filter, first, offset)),
  consentsRequiringAttention: (_parent, { filter, days, first, offset }, { db, access }) =>
    listConsentsRequiringAttention(db, {
      ...workQueue(access, filter, first, offset),
      days: requireIntegerBetween('days', days ?? 30, 1, 365),
    }),
  registrySummary: async (_parent, { municipality }, { db, access }) => {
    const oktmo = municipality == null ? undefined : requireOktmo('municipality', municipality)
    const cells = await countChildrenByMunicipalityAndStatus(db, oktmo)
    return cells.map((cell) => ({ ...cell, ...shownCount(access, cell) }))
  },
  registryCohort: async (_parent, { municipality, registryStatus }, { db, access }) =>
    depersonalisedGroups(
      await listCohort(db, requireOktmo('municipality', municipality), registryStatus),
      access,
      'registryCohort',
    ),
  regionalIndicators: (_parent, { period, municipality, coverageRule }, { access }) =>
    liveIndicators({
      ...requireReportingPeriod(access, 'period', requirePeriod('period', period)),
      municipality: municipality == null ? null : requireOktmo('municipality', municipality),
      coverageRule: coverageRule ?? 'PROGRAMME_IN_FORCE',
    }),
  indicatorCohort: async (_parent, { indicators, figure, key }, context) => {
    const childIds = (await childrenOfFigure(context, indicators, figure, key)).map((child) => child.childId)
    return depersonalisedGroups(await findDepersonalisedByIds(context.db, childIds), context.access, 'indicatorCohort')
  },
  indicatorChildren: async (_parent, { indicators, figure, key, first, after }, context) => {
    const children = await childrenOfFigure(context, indicators, figure, key)
    const page = pageOfIds(
      children.map((child) => child.childId),
      requirePageSize(first),
      requireAfterId(after),
    )
    return {
      totalCount: page.totalCount,
      rows: await Promise.all(page.ids.map((id) => loadExisting(context.loaders.childById, id, 'child'))),
      hasNextPage: page.hasNextPage,
      keys: new Map(children.map((child) => [child.childId, child.keys])),
    }
  },
  quarterlyReports: (_parent, { year }, { db }) => listQuarterlyReports(db, year ?? null),
  quarterlyReport: (_parent, { id }, { loaders }) => loaders.quarterlyReportById.load(id),
  indicators: (_parent, { id }, { loaders, access }) => indicatorsById(loaders, access, 'id', id),
}
