import type { Insertable, Kysely } from 'kysely'
import { anyUuid } from '@hub/subgraph-kit/sql'
import type { DB, QuarterlyReportTable } from '../../../db/database.js'

const reportColumns = [
  'quarterly_report.id',
  'quarterly_report.year',
  'quarterly_report.quarter',
  'quarterly_report.period_from as periodFrom',
  'quarterly_report.period_to as periodTo',
  'quarterly_report.definition_version as definitionVersion',
  'quarterly_report.coverage_rule as coverageRule',
  'quarterly_report.filed_at as filedAt',
  'quarterly_report.filed_by_side as filedBySide',
  'quarterly_report.filed_by_organisation as filedByOrganisation',
  'quarterly_report.municipalities',
] as const

export type QuarterlyReportRow = Awaited<ReturnType<typeof findQuarterlyReportsByIds>>[number]

export function findQuarterlyReportsByIds(db: Kysely<DB>, ids: readonly string[]) {
  return db
    .selectFrom('quarterly_report')
    .select(reportColumns)
    .where('quarterly_report.id', '=', anyUuid(ids))
    .execute()
}

export function listQuarterlyReports(db: Kysely<DB>, year: number | null) {
  let query = db.selectFrom('quarterly_report').select(reportColumns)
  if (year !== null) query = query.where('quarterly_report.year', '=', year)
  return query
    .orderBy('quarterly_report.year', 'desc')
    .orderBy('quarterly_report.quarter', 'desc')
    .orderBy('quarterly_report.filed_at', 'desc')
    .execute()
}

export function findQuarterlyReport(
  db: Kysely<DB>,
  key: Pick<QuarterlyReportTable, 'year' | 'quarter' | 'definition_version' | 'coverage_rule'>,
) {
  return db
    .selectFrom('quarterly_report')
    .select(reportColumns)
    .where('quarterly_report.year', '=', key.year)
    .where('quarterly_report.quarter', '=', key.quarter)
    .where('quarterly_report.definition_version', '=', key.definition_version)
    .where('quarterly_report.coverage_rule', '=', key.coverage_rule)
    .executeTakeFirst()
}

/** Undefined when the same quarter, definition and rule were filed meanwhile (the unique constraint waits for it). */
export function insertQuarterlyReport(db: Kysely<DB>, row: Insertable<QuarterlyReportTable>) {
  return db
    .insertInto('quarterly_report')
    .values(row)
    .onConflict((conflict) => conflict.constraint('quarterly_report_once').doNothing())
    .returning(reportColumns)
    .executeTakeFirst()
}
