import type { RequestAccess } from '@hub/subgraph-kit/access/request'
import { loadExisting } from '@hub/subgraph-kit/loaders'
import type { RegionalIndicatorsResolvers } from '../../../__generated__/resolvers-types.js'
import type { Context } from '../../../context.js'
import { findPopulationsByOktmos, listMunicipalities } from '../../providers/queries/municipality.queries.js'
import { findDepersonalisedByIds } from '../../registry/queries/child.queries.js'
import { depersonalisedGroups } from '../services/cohorts.js'
import { HIDDEN, requireReportingPeriod } from '@hub/subgraph-kit/access/analytics'
import { listProviderRequirements } from '../../providers/queries/provider.queries.js'
import { computeStaffingFigures, findStaffingSnapshot } from '@hub/side-contract/staffing/indicators'
import {
  figureCell,
  figureChildIds,
  indicatorCount,
  liveIndicators,
  parseIndicatorsId,
  partitionCounts,
  partOf,
  preschoolChildIds,
  reportIndicators,
  share,
  trendQuarters,
  type FigureBook,
  type IndicatorCountValue,
  type IndicatorsParent,
} from '../services/indicators.js'

const SIDES = ['SOCIAL', 'HEALTH', 'EDUCATION', 'NGO'] as const
const CRITERIA = [
  'DISABLED_CHILD',
  'HEALTH_GROUP_IV_V',
  'ORPHAN_INSTITUTION',
  'FAMILY_TJS',
  'FAMILY_SOP',
  'DEVELOPMENTAL_PARTICULARITY',
  'PARENT_CONCERN',
  'SCREENING_POSITIVE',
  'GENETIC_DISORDER',
  'OVZ_PMPK',
] as const
const REGISTRY_STATUSES = [
  'POTENTIALLY_IN_NEED',
  'REFERRED',
  'IN_NEED',
  'NOT_IN_NEED',
  'CONSULTATION_ONLY',
  'PROGRAMME_ACTIVE',
  'COMPLETED',
  'EXITED',
] as const
const EXIT_REASONS = [
  'TRANSITION_TO_PRESCHOOL',
  'OTHER_SERVICES',
  'CONTINUED_HELP',
  'GOALS_ACHIEVED',
  'MOVED',
  'DECLINED',
  'LOST_CONTACT',
  'DIED',
] as const

/**
 * The indicators an id names: live ones as it describes them, a report's territory as filed; null for no report. An
 * analyst's live indicators must be of a whole reporting period, however they are asked for.
 */
export async function indicatorsById(loaders: Context['loaders'], access: RequestAccess, field: string, id: string) {
  const parsed = parseIndicatorsId(field, id)
  if (parsed.kind === 'live') return liveIndicators(requireReportingPeriod(access, field, parsed.scope))
  const report = await loaders.quarterlyReportById.load(parsed.reportId)
  return report ? reportIndicators(report, parsed.municipality) : null
}

const figuresOf = (indicators: IndicatorsParent, { loaders }: Context) =>
  loaders.figuresByIndicatorsId.load(indicators.id)

/** The children of REACHED_THREE: frozen in a report, or named by the live figures beside their count. */
const childrenTurningThree = async (indicators: IndicatorsParent, context: Context) =>
  indicators.reportId
    ? figureChildIds(context.db, indicators, 'REACHED_THREE', null)
    : (await figuresOf(indicators, context)).childIds('REACHED_THREE')

/** The municipalities the indicators are split by: today's, or those of the report when it was filed. */
async function municipalitiesOf(indicators: IndicatorsParent, { db, loaders }: Context) {
  if (indicators.reportMunicipalities === null) return listMunicipalities(db)
  return Promise.all(
    indicators.reportMunicipalities.map((oktmo) => loadExisting(loaders.municipalityByOktmo, oktmo, 'municipality')),
  )
}

/** The figures of coverage, each split by municipality (every child is counted under one). */
const COVERAGE_FIGURES = ['RECEIVED', 'IN_NEED', 'CONSULTATIONS', 'POTENTIALLY_IN_NEED'] as const
type CoverageCounts = Record<(typeof COVERAGE_FIGURES)[number], IndicatorCountValue>

const hidden = (count: IndicatorCountValue): IndicatorCountValue => ({ ...count, ...HIDDEN })

/** Coverage from its counts; the received are hidden where the in need are, as a part of them. */
function coverageOf(counts: CoverageCounts) {
  const received = counts.IN_NEED.count === null ? hidden(counts.RECEIVED) : counts.RECEIVED
  return {
    share: share(received, counts.IN_NEED),
    consultations: counts.CONSULTATIONS,
    potentiallyInNeed: counts.POTENTIALLY_IN_NEED,
  }
}

/** The coverage counts of the whole territory of the indicators, the received shown as a part of the in need. */
function territoryCoverage(access: RequestAccess, book: FigureBook, municipality: string | null): CoverageCounts {
  const cell = (figure: string) =>
    municipality === null ? { figure, key: '', cell: book.total(figure) } : figureCell(book, figure, municipality)
  const [received] = partitionCounts(access, cell('IN_NEED'), [cell('RECEIVED')])
  return {
    RECEIVED: received!,
    IN_NEED: indicatorCount(access, cell('IN_NEED')),
    CONSULTATIONS: indicatorCount(access, cell('CONSULTATIONS')),
    POTENTIALLY_IN_NEED: indicatorCount(access, cell('POTENTIALLY_IN_NEED')),
  }
}

/**
 * The coverage counts of each municipality, shown beside the territory's: each figure's municipalities are parts of
 * its total, and in each municipality the received are a part of the in need.
 */
function coverageByPlace(access: RequestAccess, book: FigureBook, oktmos: readonly string[]) {
  const byFigure = Object.fromEntries(
    COVERAGE_FIGURES.map((figure) => [
      figure,
      partitionCounts(
        access,
        { figure, key: '', cell: book.total(figure) },
        oktmos.map((oktmo) => figureCell(book, figure, oktmo)),
      ),
    ]),
  ) as Record<(typeof COVERAGE_FIGURES)[number], IndicatorCountValue[]>
  return oktmos.map((oktmo, index) => {
    const alone = territoryCoverage(access, book, oktmo)
    const counts = Object.fromEntries(
      COVERAGE_FIGURES.map((figure) => {
        const asPart = byFigure[figure][index]!
        return [figure, asPart.count === null ? hidden(alone[figure]) : alone[figure]]
      }),
    ) as CoverageCounts
    return coverageOf(counts)
  })
}

/**
 * Coverage of a municipality's children aged 0–3: the received as the coverage shows them (hidden or perturbed for an
 * analyst, so the share tells no more than the count) out of Росстат's count, which is public and shown as it is.
 */
function populationShare(received: IndicatorCountValue, population: { oktmo: string; children: number }) {
  const children = population.children
  return share(received, { figure: 'POPULATION_0_3', key: population.oktmo, count: children, shown: String(children) })
}

/** The counts of a figure over a fixed list of keys, zero where nobody met it. */
const countsOver = (access: RequestAccess, book: FigureBook, figure: string, keys: readonly string[]) =>
  keys.map((key) => indicatorCount(access, figureCell(book, figure, key)))

export const RegionalIndicators: RegionalIndicatorsResolvers = {
  __resolveReference: async (ref, { loaders, access }) => {
    const indicators = await indicatorsById(loaders, access, 'id', ref.id)
    // For preschoolCohort the gateway brings education's placement of the children in the representation (@requires).
    if (indicators === null || !('educationPreschoolChildren' in ref)) return indicators
    return { ...indicators, educationPreschoolChildren: ref.educationPreschoolChildren ?? null }
  },
  period: (indicators) => ({ from: indicators.from, to: indicators.to }),
  municipality: (indicators, _args, { loaders }) =>
    indicators.municipality === null ? null : loaders.municipalityByOktmo.load(indicators.municipality),
  coverage: async (indicators, _args, context) =>
    coverageOf(territoryCoverage(context.access, await figuresOf(indicators, context), indicators.municipality)),
  coverageByMunicipality: async (indicators, _args, context) => {
    const [book, municipalities] = await Promise.all([
      figuresOf(indicators, context),
      municipalitiesOf(indicators, context),
    ])
    const shown = municipalities.filter(
      (municipality) => indicators.municipality === null || municipality.oktmo === indicators.municipality,
    )
    const oktmos = shown.map((municipality) => municipality.oktmo)
    const coverages = coverageByPlace(context.access, book, oktmos)
    const populations = await findPopulationsByOktmos(context.db, oktmos, Number(indicators.to.slice(0, 4)))
    return shown.map((municipality, index) => {
      const coverage = coverages[index]!
      const population = populations.find((row) => row.oktmo === municipality.oktmo)
      return {
        municipality,
        coverage,
        population: population ? { year: population.year, children: population.children } : null,
        populationShare: population ? populationShare(coverage.share.part, population) : null,
      }
    })
  },
  coverageByQuarter: async (indicators, _args, context) => {
    const book = await figuresOf(indicators, context)
    return trendQuarters(indicators.to).map(({ label, year, quarter }) => ({
      year,
      quarter,
      share: partOf(
        context.access,
        figureCell(book, 'QUARTER_RECEIVED', label),
        figureCell(book, 'QUARTER_IN_NEED', label),
      ),
    }))
  },
  timeliness: async (indicators, _args, context) => {
    const book = await figuresOf(indicators, context)
    const { access } = context
    const clock = (prefix: string) => {
      const completed = figureCell(book, `${prefix}_COMPLETED`)
      const [met, missed] = partitionCounts(access, completed, [
        figureCell(book, `${prefix}_MET`),
        figureCell(book, `${prefix}_MISSED`),
      ])
      return {
        met: share(met!, indicatorCount(access, completed)),
        missed: missed!,
        overdue: indicatorCount(access, figureCell(book, `${prefix}_OVERDUE`)),
      }
    }
    return {
      needDetermination: clock('NEED_DETERMINATION'),
      programme: clock('PROGRAMME'),
      overdueReviews: indicatorCount(access, figureCell(book, 'REVIEW_OVERDUE')),
    }
  },
  sopChildren: async (indicators, _args, context) =>
    countsOver(context.access, await figuresOf(indicators, context), 'SOP', REGISTRY_STATUSES),
  recipients: async (indicators, _args, context) => {
    const book = await figuresOf(indicators, context)
    const { access } = context
    const total = figureCell(book, 'RECIPIENTS')
    const municipalities = book.keys('RECIPIENTS_BY_MUNICIPALITY').sort()
    const providers = book
      .keys('RECIPIENTS_BY_PROVIDER')
      .map((providerId) => figureCell(book, 'RECIPIENTS_BY_PROVIDER', providerId))
      .sort((a, b) => b.cell.count - a.cell.count || a.key.localeCompare(b.key))
    return {
      total: indicatorCount(access, total),
      byCriterion: countsOver(access, book, 'RECIPIENTS_BY_CRITERION', CRITERIA),
      byMunicipality: partitionCounts(
        access,
        total,
        municipalities.map((oktmo) => figureCell(book, 'RECIPIENTS_BY_MUNICIPALITY', oktmo)),
      ),
      bySide: countsOver(access, book, 'RECIPIENTS_BY_SIDE', SIDES),
      byProvider: providers.map((provider) => ({
        providerId: provider.key,
        recipients: indicatorCount(access, provider),
      })),
      nonStateShare: partOf(access, figureCell(book, 'NON_STATE_RECIPIENTS'), total),
      remoteShare: partOf(access, figureCell(book, 'REMOTE_RECIPIENTS'), total),
    }
  },
  transitions: async (indicators, _args, context) => {
    const book = await figuresOf(indicators, context)
    const { access } = context
    return {
      exitsByReason: countsOver(access, book, 'EXITS', EXIT_REASONS),
      toPreschool: indicatorCount(access, figureCell(book, 'EXITS', 'TRANSITION_TO_PRESCHOOL')),
      reachedThree: indicatorCount(access, figureCell(book, 'REACHED_THREE')),
    }
  },
  providerRequirements: async (indicators, _args, { db }) =>
    (await listProviderRequirements(db, indicators.municipality, indicators.to)).map(
      ({ providerId, side, requiredRoles }) => ({
        providerId,
        side,
        requiredRoles,
      }),
    ),
  socialStaffing: async (indicators, _args, { db, staffing }) => {
    if (indicators.reportId) {
      return findStaffingSnapshot(staffing.db, indicators.reportId, indicators.municipality ?? '')
    }
    const requirements = await listProviderRequirements(db, indicators.municipality, indicators.to)
    return computeStaffingFigures(staffing.db, 'SOCIAL', indicators, requirements)
  },
  childrenTurningThree: (indicators, _args, context) => childrenTurningThree(indicators, context),
  preschoolCohort: async (indicators, { placement }, context) =>
    depersonalisedGroups(
      await findDepersonalisedByIds(
        context.db,
        preschoolChildIds(indicators, await childrenTurningThree(indicators, context), placement),
      ),
      context.access,
      'preschoolCohort',
    ),
  outcomes: async (indicators, _args, context) => {
    const book = await figuresOf(indicators, context)
    const { access } = context
    const reviewed = figureCell(book, 'FINAL_REVIEWED')
    const [improved, notImproved] = partitionCounts(access, reviewed, [
      figureCell(book, 'IMPROVED'),
      figureCell(book, 'NOT_IMPROVED'),
    ])
    return { improved: share(improved!, indicatorCount(access, reviewed)), notImproved: notImproved! }
  },
}
