import type { Kysely, Transaction } from 'kysely'
import { joinCellKeys, shownCount, shownPartition, type Cell } from '@hub/subgraph-kit/access/analytics'
import type { RequestAccess } from '@hub/subgraph-kit/access/request'
import type { Viewer } from '@hub/platform/auth/viewer'
import { RememberedResults, type ChangeWatch } from '@hub/subgraph-kit/changes'
import { badUserInput, hubError } from '@hub/platform/errors'
import { childrenPlaced, type PlacedChildren, type PreschoolPlacement } from '@hub/side-contract/preschool'
import { addDays, requireIntegerBetween, requireOktmo, requirePeriod } from '@hub/subgraph-kit/validation'
import { recordSocialEvent } from '../../../events.js'
import { staffingView } from '@hub/side-contract/staffing/database'
import {
  freezeStaffing,
  reportTerritories,
  reportTerritoryOf,
  type ReportFreezeInput,
} from '@hub/side-contract/staffing/indicators'
import type { CoverageRule, DB } from '../../../db/database.js'
import { listProviderRequirements } from '../../providers/queries/provider.queries.js'
import {
  countFigures,
  FIGURES_NAMING_CHILDREN,
  findFigureChildren,
  findSnapshotChildren,
  insertSnapshot,
  OWN_PERIOD,
  type FigureChild,
  type FigureRow,
  type IndicatorScope,
  type LabelledPeriod,
} from '../queries/indicator.queries.js'
import { listMunicipalities } from '../../providers/queries/municipality.queries.js'
import {
  findQuarterlyReport,
  insertQuarterlyReport,
  type QuarterlyReportRow,
} from '../queries/quarterly_report.queries.js'

/**
 * The methodology the indicators are computed by. A filed report names the version it was computed with; a change
 * of any definition (what counts as in need, received, on time) is a new version, and filing under it is explicit.
 */
export const DEFINITION_VERSION = '2026.1'

const COVERAGE_RULES: readonly CoverageRule[] = ['PROGRAMME_IN_FORCE', 'ANY_SERVICE']
const REGION = 'region'

/** One set of indicators: live for a scope, or a filed report's frozen figures for one territory. */
export interface IndicatorsParent {
  id: string
  from: string
  to: string
  municipality: string | null
  coverageRule: CoverageRule
  definitionVersion: string
  reportId: string | null
  /** A report's municipalities when filed (ОКТМО, by name); null for live indicators, which show today's. */
  reportMunicipalities: readonly string[] | null
  /** Where education places the children who turned three, when the gateway brings it for `preschoolCohort`. */
  educationPreschoolChildren?: PlacedChildren | null
}

export function liveIndicators(scope: IndicatorScope): IndicatorsParent {
  const territory = scope.municipality ?? REGION
  return {
    id: ['live', scope.from, scope.to, territory, scope.coverageRule, DEFINITION_VERSION].join(':'),
    ...scope,
    definitionVersion: DEFINITION_VERSION,
    reportId: null,
    reportMunicipalities: null,
  }
}

export function reportIndicators(report: QuarterlyReportRow, municipality: string | null): IndicatorsParent {
  return {
    id: ['report', report.id, municipality ?? REGION].join(':'),
    from: report.periodFrom,
    to: report.periodTo,
    municipality,
    coverageRule: report.coverageRule,
    definitionVersion: report.definitionVersion,
    reportId: report.id,
    reportMunicipalities: report.municipalities,
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** An id of RegionalIndicators, parsed; a report's id needs its report row, which the caller loads. */
export type ParsedIndicatorsId =
  { kind: 'live'; scope: IndicatorScope } | { kind: 'report'; reportId: string; municipality: string | null }

export function parseIndicatorsId(field: string, id: string): ParsedIndicatorsId {
  const parts = id.split(':')
  const territory = (value: string | undefined) => (value === REGION ? null : requireOktmo(field, value ?? ''))
  if (parts[0] === 'live' && parts.length === 6) {
    const [, from = '', to = '', place, rule, version] = parts
    const coverageRule = COVERAGE_RULES.find((known) => known === rule)
    if (ISO_DATE.test(from) && ISO_DATE.test(to) && coverageRule && version === DEFINITION_VERSION) {
      return {
        kind: 'live',
        scope: { ...requirePeriod(field, { from, to }), municipality: territory(place), coverageRule },
      }
    }
  }
  const report = parts.length === 3 ? reportTerritoryOf(id) : null
  if (report) {
    return { kind: 'report', reportId: report.reportId, municipality: territory(parts[2]) }
  }
  throw badUserInput(field, 'UNKNOWN_REPORT', 'is not an id of RegionalIndicators')
}

/** The quarter (1–4) a date falls in, and the first and last day of a quarter. */
const quarterOf = (date: string) => Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1

export function quarterPeriod(year: number, quarter: number) {
  const firstMonth = (quarter - 1) * 3 + 1
  const from = `${year}-${String(firstMonth).padStart(2, '0')}-01`
  const nextQuarter = quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(firstMonth + 3).padStart(2, '0')}-01`
  return { from, to: addDays(nextQuarter, -1) }
}

/** Monitoring reports are due by the 10th of the month after the quarter. */
export function reportDueOn(year: number, quarter: number) {
  return addDays(quarterPeriod(year, quarter).to, 10)
}

/** The four quarters of the coverage trend, the last of them holding `to`, as labelled periods ('2026-Q3'). */
export function trendQuarters(to: string) {
  const quarters: (LabelledPeriod & { year: number; quarter: number })[] = []
  let year = Number(to.slice(0, 4))
  let quarter = quarterOf(to)
  for (let step = 0; step < 4; step++) {
    quarters.unshift({ label: `${year}-Q${quarter}`, year, quarter, ...quarterPeriod(year, quarter) })
    quarter -= 1
    if (quarter === 0) {
      quarter = 4
      year -= 1
    }
  }
  return quarters
}

export function periodsOf(scope: IndicatorScope): LabelledPeriod[] {
  return [{ label: OWN_PERIOD, from: scope.from, to: scope.to }, ...trendQuarters(scope.to)]
}

async function computeFigures(db: Kysely<DB>, scope: IndicatorScope) {
  return new FigureBook(await countFigures(db, scope, periodsOf(scope)))
}

/** The notification channel social's tables of the figures notify on commit (migration `notify_figure_changes`). */
export const FIGURES_CHANNEL = 'social_figures'

/** At most this many scopes' live figures are remembered: a dashboard asks for the region and its municipalities. */
const REMEMBERED_SCOPES = 64

/** Computes the live figures of a scope, with the asking request's database handle. */
export type LiveFigures = (scope: IndicatorScope, db: Kysely<DB>) => Promise<FigureBook>

/**
 * Live figures at 100,000 children take seconds to compute and change only with a write to social's tables: with a
 * watch of `FIGURES_CHANNEL`, a scope's figures are remembered until the next such write commits. Every caller
 * still sees only what its access shows of them (`indicatorCount`). The statement runs as the first asker's: if that
 * caller leaves and it is cancelled, the others waiting for it are refused too and the next asker computes again.
 */
export function liveFigures(changes: ChangeWatch | undefined): LiveFigures {
  if (!changes) return (scope, db) => computeFigures(db, scope)
  const remembered = new RememberedResults<FigureBook>(changes, REMEMBERED_SCOPES)
  return (scope, db) => remembered.get(liveIndicators(scope).id, () => computeFigures(db, scope))
}

/** The counts of one set of indicators by figure and key; a figure nobody met is absent and counts 0. */
export class FigureBook {
  private readonly cells = new Map<string, Cell>()
  private readonly children = new Map<string, readonly string[]>()

  constructor(rows: readonly FigureRow[]) {
    for (const row of rows) {
      this.cells.set(`${row.figure}|${row.key}`, { count: row.count, cellKey: row.cellKey })
      if (row.childIds) this.children.set(`${row.figure}|${row.key}`, row.childIds)
    }
  }

  /** The children behind a live figure that names them (`FIGURES_NAMING_CHILDREN`). */
  childIds(figure: string, key = ''): string[] {
    if (!FIGURES_NAMING_CHILDREN.includes(figure)) throw new Error(`figure ${figure} does not name its children`)
    return [...(this.children.get(`${figure}|${key}`) ?? [])]
  }

  cell(figure: string, key = ''): Cell {
    return this.cells.get(`${figure}|${key}`) ?? { count: 0, cellKey: 0 }
  }

  count(figure: string, key = '') {
    return this.cell(figure, key).count
  }

  /** The sum over every key of a figure whose keys split the children into disjoint groups. */
  total(figure: string): Cell {
    const parts = this.keys(figure).map((key) => this.cell(figure, key))
    return {
      count: parts.reduce((sum, part) => sum + part.count, 0),
      cellKey: joinCellKeys(parts.map((part) => part.cellKey)),
    }
  }

  keys(figure: string) {
    return [...this.cells.keys()]
      .filter((name) => name.startsWith(`${figure}|`))
      .map((name) => name.slice(figure.length + 1))
  }
}

/** A count of one figure under one key ('' for none), with the cell key of its children. */
export interface FigureCell {
  figure: string
  key: string
  cell: Cell
}

export const figureCell = (book: FigureBook, figure: string, key = ''): FigureCell => ({
  figure,
  key,
  cell: book.cell(figure, key),
})

/** An IndicatorCount as the caller may see it. */
export function indicatorCount(access: RequestAccess, { figure, key, cell }: FigureCell) {
  return { figure, key: key === '' ? null : key, ...shownCount(access, cell) }
}

export type IndicatorCountValue = ReturnType<typeof indicatorCount>

export interface ProviderCountValue {
  providerId: string
  recipients: IndicatorCountValue
}

/**
 * Counts that split their total's children (any rest unshown), as the caller may see them beside the total: for an
 * analyst with complementary suppression (`shownPartition`).
 */
export function partitionCounts(
  access: RequestAccess,
  total: FigureCell,
  parts: readonly FigureCell[],
): IndicatorCountValue[] {
  const shown = shownPartition(
    access,
    total.cell,
    parts.map((part) => part.cell),
  )
  return parts.map(({ figure, key }, index) => ({ figure, key: key === '' ? null : key, ...shown[index]! }))
}

/** A share of two counts; no percentage when the whole is zero or either count is hidden from the caller. */
export function share(part: IndicatorCountValue, total: IndicatorCountValue) {
  const percent =
    part.count === null || total.count === null || total.count === 0
      ? null
      : Math.round((part.count / total.count) * 1000) / 10
  return { part, total, percent }
}

/** A part beside its total: the part is hidden with the rest of the total when that rest is 1–4 for an analyst. */
export function partOf(access: RequestAccess, part: FigureCell, total: FigureCell) {
  const [shownPart] = partitionCounts(access, total, [part])
  return share(shownPart!, indicatorCount(access, total))
}

/**
 * The children behind one figure, each with the keys it is counted under: recomputed for live indicators, as frozen
 * for a report.
 */
export function figureChildren(
  db: Kysely<DB>,
  indicators: IndicatorsParent,
  figure: string,
  key: string | null,
): Promise<FigureChild[]> {
  if (indicators.reportId) {
    return findSnapshotChildren(db, indicators.reportId, indicators.municipality ?? '', figure, key)
  }
  return findFigureChildren(db, indicators, periodsOf(indicators), figure, key)
}

/** The children behind one figure, by id. */
export async function figureChildIds(db: Kysely<DB>, indicators: IndicatorsParent, figure: string, key: string | null) {
  return (await figureChildren(db, indicators, figure, key)).map((child) => child.childId)
}

/** The refusal of a field that needs what education puts into its representation (@requires), when it did not. */
export function educationUnavailable(field: string, what: string) {
  return hubError('UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', `${field}: education did not say ${what}`, {
    field,
    side: 'education',
    params: { side: 'education' },
  })
}

/**
 * The children of one preschool figure: education says where each stands in the queue, and only children of social's
 * own REACHED_THREE figure (`reachedThree`) count, so a representation that names other children reveals nothing of
 * them.
 */
export function preschoolChildIds(
  indicators: IndicatorsParent,
  reachedThree: readonly string[],
  placement: PreschoolPlacement,
) {
  const placed = indicators.educationPreschoolChildren
  if (!placed) throw educationUnavailable('preschoolCohort', 'where the children stand in the queue')
  const counted = new Set(reachedThree)
  return childrenPlaced(placed, placement).filter((id) => counted.has(id))
}

export interface FileQuarterlyReportInput {
  year: number
  quarter: number
  definitionVersion: string
  coverageRule: CoverageRule
}

/** Who files a report and when, and how the other sides freeze their parts of it. */
export interface Filing {
  viewer: Viewer
  /** The region's day the filing happens on: the quarter must have ended before it. */
  today: string
  /** When the report counts as filed; now unless given (the demo seed files past quarters on their due dates). */
  filedAt?: Date
  /** Has each other side compute and keep its parts, or fails the filing (`freezeSideParts`). */
  freezeSides: (parts: readonly ReportFreezeInput[]) => Promise<void>
}

/**
 * Files a quarterly report: stores its figures for the region and every municipality with the children behind them,
 * in the caller's transaction, with each side's staffing part frozen by that side. The quarter must be over; the
 * same quarter, definition and rule filed again return the report already filed, figures unchanged.
 */
export async function fileQuarterlyReport(trx: Transaction<DB>, input: FileQuarterlyReportInput, filing: Filing) {
  requireIntegerBetween('input.year', input.year, 2000, 2100)
  requireIntegerBetween('input.quarter', input.quarter, 1, 4)
  if (input.definitionVersion !== DEFINITION_VERSION) {
    throw badUserInput('input.definitionVersion', 'ONE_OF', `must be a known definition version: ${DEFINITION_VERSION}`)
  }
  const period = quarterPeriod(input.year, input.quarter)
  if (period.to >= filing.today) {
    throw hubError(
      'CONFLICT',
      'QUARTER_NOT_ENDED',
      `input.quarter: the quarter ends on ${period.to}; it can be filed from the next day`,
      {
        field: 'input.quarter',
        params: { day: period.to },
      },
    )
  }
  const key = {
    year: input.year,
    quarter: input.quarter,
    definition_version: input.definitionVersion,
    coverage_rule: input.coverageRule,
  }
  const existing = await findQuarterlyReport(trx, key)
  if (existing) return existing
  const { viewer } = filing
  const report = await insertQuarterlyReport(trx, {
    ...key,
    ...(filing.filedAt && { filed_at: filing.filedAt }),
    period_from: period.from,
    period_to: period.to,
    filed_by_side: viewer.side ?? 'regional',
    filed_by_organisation: viewer.organisation,
    filed_by_subject: viewer.subject,
    municipalities: (await listMunicipalities(trx)).map((municipality) => municipality.oktmo),
  })
  if (!report) {
    const filedMeanwhile = await findQuarterlyReport(trx, key)
    if (filedMeanwhile) return filedMeanwhile
    throw hubError(
      'CONFLICT',
      'REPORT_BEING_FILED',
      'input.quarter: the report is being filed by another request; try again',
      {
        field: 'input.quarter',
      },
    )
  }
  const scope = { ...period, municipality: null, coverageRule: input.coverageRule }
  await insertSnapshot(trx, report.id, scope, periodsOf(scope))
  // The roles the providers' services required at the quarter's end, in the catalogue's edition of that day.
  const providers = await listProviderRequirements(trx, null, period.to)
  const parts: ReportFreezeInput[] = await Promise.all(
    [null, ...report.municipalities].map(async (municipality) => ({
      indicators: reportIndicators(report, municipality).id,
      ...period,
      providers: providers
        .filter((provider) => municipality === null || provider.municipalityOktmo === municipality)
        .map(({ providerId, side, requiredRoles }) => ({ providerId, side, requiredRoles })),
      childrenTurningThree: await figureChildIds(trx, reportIndicators(report, municipality), 'REACHED_THREE', null),
    })),
  )
  await freezeStaffing(staffingView(trx), 'SOCIAL', reportTerritories(parts))
  await filing.freezeSides(parts)
  await recordSocialEvent(trx, 'report.filed', { reportId: report.id })
  return report
}
