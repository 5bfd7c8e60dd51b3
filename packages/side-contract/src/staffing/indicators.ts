import { sql, type Kysely } from 'kysely'
import { badUserInput, hubError } from '@hub/platform/errors'
import { isUuid } from '@hub/subgraph-kit/loaders'
import { anyUuid } from '@hub/subgraph-kit/sql'
import { requirePeriod } from '@hub/subgraph-kit/validation'
import {
  SPECIALIST_ROLES,
  type Side,
  type SpecialistRole,
  type StaffingFigures,
  type StaffingTables,
} from './database.js'

export interface ProviderRequirement {
  providerId: string
  side: Side
  requiredRoles: readonly SpecialistRole[]
}

const REGION = 'region'

/**
 * A filed report's indicators are named `report:<report id>:<ОКТМО or region>` (social makes the ids); live ones
 * otherwise. Returns the report and territory ('' for the region), or null for live indicators.
 */
export function reportTerritoryOf(id: string) {
  const [kind, reportId = '', territory = ''] = id.split(':')
  if (kind !== 'report' || !isUuid(reportId)) return null
  return { reportId, territory: territory === REGION ? '' : territory }
}

/**
 * One side's staffing for the providers of one territory: specialists employed on the period's last day, trained
 * within it, and the providers without a specialist of some role their services require. Two statements.
 */
export async function computeStaffingFigures(
  db: Kysely<StaffingTables>,
  side: Side,
  period: { from: string; to: string },
  requirements: readonly ProviderRequirement[],
): Promise<StaffingFigures> {
  const providers = requirements.filter((requirement) => requirement.side === side)
  const providerIds = providers.map((provider) => provider.providerId)
  const pairs = providers.flatMap((provider) => provider.requiredRoles.map((role) => [provider.providerId, role]))
  const employedOnLastDay = sql`s.employed_from <= ${period.to}::date and (s.employed_until is null or s.employed_until >= ${period.to}::date)`
  const trainedInPeriod = sql`t.completed_on between ${period.from}::date and ${period.to}::date`
  const [roles, missing] = await Promise.all([
    sql<{ role: SpecialistRole; employed: number; trained: number; hours: number }>`
      select s.role,
        count(distinct s.id) filter (where ${employedOnLastDay})::int as employed,
        count(distinct t.specialist_id) filter (where ${trainedInPeriod})::int as trained,
        coalesce(sum(t.hours) filter (where ${trainedInPeriod}), 0)::int as hours
      from specialist s left join specialist_training t on t.specialist_id = s.id
      where s.provider_id = ${anyUuid(providerIds)}
      group by s.role
    `.execute(db),
    sql<{ count: number }>`
      select count(distinct req.provider_id)::int as count
      from unnest(${pairs.map(([id]) => id)}::uuid[], ${pairs.map(([, role]) => role)}::text[]) as req(provider_id, role)
      where not exists (
        select 1 from specialist s where s.provider_id = req.provider_id and s.role = req.role and ${employedOnLastDay}
      )
    `.execute(db),
  ])
  const byRole = new Map(roles.rows.map((row) => [row.role, row]))
  return {
    side,
    providers: providers.length,
    providersMissingRoles: missing.rows[0]?.count ?? 0,
    byRole: SPECIALIST_ROLES.map((role) => {
      const row = byRole.get(role)
      return { role, employed: row?.employed ?? 0, trained: row?.trained ?? 0, trainingHours: row?.hours ?? 0 }
    }),
  }
}

export async function findStaffingSnapshot(db: Kysely<StaffingTables>, reportId: string, territory: string) {
  const row = await db
    .selectFrom('staffing_indicator_snapshot')
    .select('figures')
    .where('report_id', '=', reportId)
    .where('territory', '=', territory)
    .executeTakeFirst()
  return row?.figures ?? null
}

/** Stores a report's staffing once; a second freeze of the same report and territory keeps the first. */
async function insertStaffingSnapshot(
  db: Kysely<StaffingTables>,
  reportId: string,
  territory: string,
  figures: StaffingFigures,
) {
  await db
    .insertInto('staffing_indicator_snapshot')
    .values({ report_id: reportId, territory, figures: JSON.stringify(figures) })
    .onConflict((conflict) => conflict.columns(['report_id', 'territory']).doNothing())
    .execute()
}

/** RegionalIndicators as a side subgraph receives it: the id, and through `@requires` the period and providers. */
export interface IndicatorsReference {
  id: string
  period?: { from: string; to: string } | null
  providerRequirements?: readonly ProviderRequirement[] | null
}

/**
 * `RegionalIndicators.<side>Staffing` in a side subgraph: live indicators computed from what `@requires` brought, a
 * filed report's read from the snapshot this side made when social filed it.
 */
export function staffingIndicatorsOf(side: Side) {
  return async (
    indicators: IndicatorsReference,
    _args: unknown,
    { staffing }: { staffing: { db: Kysely<StaffingTables> } },
  ) => {
    const field = `${side.toLowerCase()}Staffing`
    const report = reportTerritoryOf(indicators.id)
    if (report) {
      const frozen = await findStaffingSnapshot(staffing.db, report.reportId, report.territory)
      if (frozen) return frozen
      throw hubError(
        'NOT_FOUND',
        'REPORT_FIGURES_MISSING',
        `${field}: this side holds no staffing figures of report ${report.reportId}`,
        {
          field,
        },
      )
    }
    if (!indicators.period || !indicators.providerRequirements) {
      throw hubError(
        'BAD_USER_INPUT',
        'MALFORMED_REQUEST',
        `${field}: requires the indicators' period and providerRequirements`,
        { field },
      )
    }
    // The period comes in the representation: a caller reaching the subgraph directly may send any.
    const period = requirePeriod('period', indicators.period)
    return computeStaffingFigures(staffing.db, side, period, indicators.providerRequirements)
  }
}

export interface ReportFreezeInput {
  indicators: string
  from: string
  to: string
  providers: readonly ProviderRequirement[]
  childrenTurningThree: readonly string[]
}

/** The territories of a report being filed, each named by its report and territory; refused unless all are. */
export function reportTerritories(input: readonly ReportFreezeInput[]) {
  return input.map((territory, index) => {
    const report = reportTerritoryOf(territory.indicators)
    if (!report)
      throw badUserInput(`input[${index}].indicators`, 'UNKNOWN_REPORT', 'must name the indicators of a filed report')
    return { ...territory, ...report }
  })
}

export type ReportTerritory = ReturnType<typeof reportTerritories>[number]

/** Computes and keeps this side's staffing part of each territory; a territory frozen before keeps its figures. */
export async function freezeStaffing(db: Kysely<StaffingTables>, side: Side, territories: readonly ReportTerritory[]) {
  for (const territory of territories) {
    const figures = await computeStaffingFigures(db, side, territory, territory.providers)
    await insertStaffingSnapshot(db, territory.reportId, territory.territory, figures)
  }
}

/**
 * `Mutation.freezeReportIndicators` (social's service only) of a side whose only part of a report is its staffing:
 * every territory in one transaction.
 */
export function freezeReportIndicatorsOf(side: Side) {
  return (
    _parent: unknown,
    { input }: { input: readonly ReportFreezeInput[] },
    { staffing }: { staffing: { db: Kysely<StaffingTables> } },
  ) => {
    const territories = reportTerritories(input)
    return staffing.db.transaction().execute(async (trx) => {
      await freezeStaffing(trx, side, territories)
      return territories.length
    })
  }
}
