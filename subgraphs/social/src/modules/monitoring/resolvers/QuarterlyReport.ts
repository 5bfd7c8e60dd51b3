import { regionDay } from '@hub/platform/region-time'
import type { QuarterlyReportResolvers } from '../../../__generated__/resolvers-types.js'
import { reportDueOn, reportIndicators } from '../services/indicators.js'

export const QuarterlyReport: QuarterlyReportResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.quarterlyReportById.load(ref.id),
  period: (report) => ({ from: report.periodFrom, to: report.periodTo }),
  dueOn: (report) => reportDueOn(report.year, report.quarter),
  filedLate: (report) => regionDay(report.filedAt) > reportDueOn(report.year, report.quarter),
  region: (report) => reportIndicators(report, null),
  municipalities: (report) => report.municipalities.map((oktmo) => reportIndicators(report, oktmo)),
}
