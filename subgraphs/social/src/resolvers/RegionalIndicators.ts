import type { RequestAccess } from '../../../kit/src/access/request.js'
import { loadExisting } from '../../../kit/src/loaders.js'
import type { RegionalIndicatorsResolvers } from '../__generated__/resolvers-types.js'
import type { Context } from '../context.js'
import { listMunicipalities } from '../db/queries/municipality.queries.js'
import { findDepersonalisedByIds } from '../db/queries/child.queries.js'
import { depersonalise } from '../services/cohorts.js'
import { listProviderRequirements } from '../db/queries/provider.queries.js'
import { computeStaffingFigures, findStaffingSnapshot } from '../../../kit/src/staffing/indicators.js'
import {
  figureChildIds,
  indicatorCount,
  liveIndicators,
  parseIndicatorsId,
  preschoolChildIds,
  reportIndicators,
  share,
  trendQuarters,
  type FigureBook,
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

/** The indicators an id names: live ones as it describes them, a report's territory as filed; null for no report. */
export async function indicatorsById(loaders: Context['loaders'], field: string, id: string) {
  const parsed = parseIndicatorsId(field, id)
  if (parsed.kind === 'live') return liveIndicators(parsed.scope)
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

/** A figure that sums over its keys (each child is under one key), as one count. */
const totalCount = (access: RequestAccess, book: FigureBook, figure: string) =>
  indicatorCount(access, figure, '', book.total(figure))

function coverage(access: RequestAccess, book: FigureBook, municipality: string | null) {
  const count = (figure: string) =>
    municipality === null
      ? totalCount(access, book, figure)
      : indicatorCount(access, figure, municipality, book.count(figure, municipality))
  return {
    share: share(count('RECEIVED'), count('IN_NEED')),
    consultations: count('CONSULTATIONS'),
    potentiallyInNeed: count('POTENTIALLY_IN_NEED'),
  }
}

/** The counts of a figure over a fixed list of keys, zero where nobody met it. */
const countsOver = (access: RequestAccess, book: FigureBook, figure: string, keys: readonly string[]) =>
  keys.map((key) => indicatorCount(access, figure, key, book.count(figure, key)))

export const RegionalIndicators: RegionalIndicatorsResolvers = {
  __resolveReference: async (ref, { loaders }) => {
    const indicators = await indicatorsById(loaders, 'id', ref.id)
    // For preschoolCohort the gateway brings education's placement of the children in the representation (@requires).
    if (indicators === null || !('educationPreschoolChildren' in ref)) return indicators
    return { ...indicators, educationPreschoolChildren: ref.educationPreschoolChildren ?? null }
  },
  period: (indicators) => ({ from: indicators.from, to: indicators.to }),
  municipality: (indicators, _args, { loaders }) =>
    indicators.municipality === null ? null : loaders.municipalityByOktmo.load(indicators.municipality),
  coverage: async (indicators, _args, context) =>
    coverage(context.access, await figuresOf(indicators, context), indicators.municipality),
  coverageByMunicipality: async (indicators, _args, context) => {
    const [book, municipalities] = await Promise.all([
      figuresOf(indicators, context),
      municipalitiesOf(indicators, context),
    ])
    return municipalities
      .filter((municipality) => indicators.municipality === null || municipality.oktmo === indicators.municipality)
      .map((municipality) => ({ municipality, coverage: coverage(context.access, book, municipality.oktmo) }))
  },
  coverageByQuarter: async (indicators, _args, context) => {
    const book = await figuresOf(indicators, context)
    return trendQuarters(indicators.to).map(({ label, year, quarter }) => ({
      year,
      quarter,
      share: share(
        indicatorCount(context.access, 'QUARTER_RECEIVED', label, book.count('QUARTER_RECEIVED', label)),
        indicatorCount(context.access, 'QUARTER_IN_NEED', label, book.count('QUARTER_IN_NEED', label)),
      ),
    }))
  },
  timeliness: async (indicators, _args, context) => {
    const book = await figuresOf(indicators, context)
    const count = (figure: string) => indicatorCount(context.access, figure, '', book.count(figure))
    const clock = (prefix: string) => {
      const completed = count(`${prefix}_COMPLETED`)
      return {
        met: share(count(`${prefix}_MET`), completed),
        missed: count(`${prefix}_MISSED`),
        overdue: count(`${prefix}_OVERDUE`),
      }
    }
    return {
      needDetermination: clock('NEED_DETERMINATION'),
      programme: clock('PROGRAMME'),
      overdueReviews: count('REVIEW_OVERDUE'),
    }
  },
  sopChildren: async (indicators, _args, context) =>
    countsOver(context.access, await figuresOf(indicators, context), 'SOP', REGISTRY_STATUSES),
  recipients: async (indicators, _args, context) => {
    const book = await figuresOf(indicators, context)
    const { access } = context
    const total = indicatorCount(access, 'RECIPIENTS', '', book.count('RECIPIENTS'))
    const municipalities = book.keys('RECIPIENTS_BY_MUNICIPALITY').sort()
    const providers = book
      .keys('RECIPIENTS_BY_PROVIDER')
      .map((providerId) => ({ providerId, count: book.count('RECIPIENTS_BY_PROVIDER', providerId) }))
      .sort((a, b) => b.count - a.count || a.providerId.localeCompare(b.providerId))
    return {
      total,
      byCriterion: countsOver(access, book, 'RECIPIENTS_BY_CRITERION', CRITERIA),
      byMunicipality: countsOver(access, book, 'RECIPIENTS_BY_MUNICIPALITY', municipalities),
      bySide: countsOver(access, book, 'RECIPIENTS_BY_SIDE', SIDES),
      byProvider: providers.map(({ providerId, count }) => ({
        providerId,
        recipients: indicatorCount(access, 'RECIPIENTS_BY_PROVIDER', providerId, count),
      })),
      nonStateShare: share(
        indicatorCount(access, 'NON_STATE_RECIPIENTS', '', book.count('NON_STATE_RECIPIENTS')),
        total,
      ),
      remoteShare: share(indicatorCount(access, 'REMOTE_RECIPIENTS', '', book.count('REMOTE_RECIPIENTS')), total),
    }
  },
  transitions: async (indicators, _args, context) => {
    const book = await figuresOf(indicators, context)
    const { access } = context
    return {
      exitsByReason: countsOver(access, book, 'EXITS', EXIT_REASONS),
      toPreschool: indicatorCount(
        access,
        'EXITS',
        'TRANSITION_TO_PRESCHOOL',
        book.count('EXITS', 'TRANSITION_TO_PRESCHOOL'),
      ),
      reachedThree: indicatorCount(access, 'REACHED_THREE', '', book.count('REACHED_THREE')),
    }
  },
  providerRequirements: async (indicators, _args, { db }) =>
    (await listProviderRequirements(db, indicators.municipality)).map(({ providerId, side, requiredRoles }) => ({
      providerId,
      side,
      requiredRoles,
    })),
  socialStaffing: async (indicators, _args, { db, staffing }) => {
    if (indicators.reportId) {
      return findStaffingSnapshot(staffing.db, indicators.reportId, indicators.municipality ?? '')
    }
    const requirements = await listProviderRequirements(db, indicators.municipality)
    return computeStaffingFigures(staffing.db, 'SOCIAL', indicators, requirements)
  },
  childrenTurningThree: (indicators, _args, context) => childrenTurningThree(indicators, context),
  preschoolCohort: async (indicators, { placement }, context) =>
    depersonalise(
      await findDepersonalisedByIds(
        context.db,
        preschoolChildIds(indicators, await childrenTurningThree(indicators, context), placement),
      ),
      context.access,
      context.pseudonym,
      'preschoolCohort',
    ),
  outcomes: async (indicators, _args, context) => {
    const book = await figuresOf(indicators, context)
    const count = (figure: string) => indicatorCount(context.access, figure, '', book.count(figure))
    return { improved: share(count('IMPROVED'), count('FINAL_REVIEWED')), notImproved: count('NOT_IMPROVED') }
  },
}
