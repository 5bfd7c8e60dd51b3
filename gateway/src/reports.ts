import type { Express, Request, Response } from 'express'
import { print } from 'graphql'
import writeXlsxFile, { type SheetData } from 'write-excel-file/node'
import { QuarterlyReportDocument, type QuarterlyReportQuery } from '@hub/schema/operations'
import { enumLabels, type EnumLabels } from '@hub/platform/enum-labels'
import { refuseFileName, runForCaller } from './caller-operation.js'
import { quarterlyReportPdf } from './documents/quarterly.js'
import { printingFor } from './documents/pdf.js'
import type { TokenVerifier } from '@hub/platform/auth/tokens'

type Report = NonNullable<QuarterlyReportQuery['quarterlyReport']>
/** A municipality's row of the report; the region's indicators have every field it has, and more. */
type TerritoryFigures = Report['municipalities'][number]
type Count = { count: number | null; shown: string }
type Share = { percent: number | null; part: Count; total: Count }

const QUARTERLY_REPORT = print(QuarterlyReportDocument)
const REGION_ROW = 'Итого по региону'

/** A cell: a number, the suppressed "<5" as text, or empty for a percentage of nothing. */
export type Value = number | string | null

const count = (figure: Count): Value => figure.count ?? figure.shown
/** Education shows an analyst a count of 1 to 4 as null (an export with any error is refused, so null is that). */
const HIDDEN = '<5'
const percent = (share: Share): Value => share.percent

/** The report's table, one row per territory: the headings are the official terms of the monitoring. */
const COLUMNS: readonly [heading: string, value: (territory: TerritoryFigures) => Value][] = [
  ['Нуждающиеся в услугах ранней помощи, чел.', (t) => count(t.coverage.share.total)],
  ['Получившие услуги ранней помощи, чел.', (t) => count(t.coverage.share.part)],
  [
    'Доля детей целевой группы, получивших услуги ранней помощи, в общем числе нуждающихся, %',
    (t) => percent(t.coverage.share),
  ],
  ['Консультирование без ИПРП, чел.', (t) => count(t.coverage.consultations)],
  ['Потенциально нуждающиеся (нуждаемость не определена), чел.', (t) => count(t.coverage.potentiallyInNeed)],
  ['Нуждаемость определена в срок, %', (t) => percent(t.timeliness.needDetermination.met)],
  ['ИПРП подписана в срок, %', (t) => percent(t.timeliness.programme.met)],
  ['ИПРП с просроченной промежуточной оценкой', (t) => count(t.timeliness.overdueReviews)],
  ['Получатели услуг по ИПРП, чел.', (t) => count(t.recipients.total)],
  ['Доля получающих услуги негосударственных поставщиков, %', (t) => percent(t.recipients.nonStateShare)],
  ['Доля получающих услуги дистанционно, %', (t) => percent(t.recipients.remoteShare)],
  ['Перешли в дошкольную образовательную организацию, чел.', (t) => count(t.transitions.toPreschool)],
  ['Нуждающиеся, которым исполнилось 3 года, чел.', (t) => count(t.transitions.reachedThree)],
  [
    'Из них без устройства в дошкольную образовательную организацию, чел.',
    (t) => t.educationPreschool?.withoutPlacement ?? HIDDEN,
  ],
  ['Доля детей с улучшением функционирования при выходе, %', (t) => percent(t.outcomes.improved)],
]

const HEADINGS = ['ОКТМО', 'Муниципальное образование', ...COLUMNS.map(([heading]) => heading)]

function tableRows(report: Report): Value[][] {
  const row = (oktmo: string, name: string, territory: TerritoryFigures) => [
    oktmo,
    name,
    ...COLUMNS.map(([, value]) => value(territory)),
  ]
  return [
    ...report.municipalities.map((territory) =>
      row(territory.municipality?.oktmo ?? '', territory.municipality?.name ?? '', territory),
    ),
    row('', REGION_ROW, report.region),
  ]
}

/** The region's breakdowns: СОП by status, recipients by criterion, side and provider, exits by reason. */
function breakdownRows(report: Report, label: EnumLabels): Value[][] {
  const { region } = report
  const rows = (section: string, enumName: string, counts: readonly (Count & { key: string | null })[]) =>
    counts.map((figure) => [section, label(enumName, figure.key), count(figure)])
  return [
    ...rows('Дети из семей в СОП по статусу в реестре', 'RegistryStatus', region.sopChildren),
    ...rows('Получатели по критериям целевой группы', 'CriterionCode', region.recipients.byCriterion),
    ...rows('Получатели по ведомствам', 'Side', region.recipients.bySide),
    ...region.recipients.byProvider.map((row) => [
      'Получатели по поставщикам',
      row.provider.name,
      count(row.recipients),
    ]),
    ...rows('Выбывшие из программы по причине', 'ExitReason', region.transitions.exitsByReason),
    ...region.coverageByQuarter.map((row) => [
      'Охват по кварталам, %',
      `${row.quarter} квартал ${row.year} г.`,
      percent(row.share),
    ]),
  ]
}

const monitoringTitle = (report: Report) => `Мониторинг ранней помощи за ${report.quarter} квартал ${report.year} г.`

function aboutRows(report: Report, label: EnumLabels): Value[][] {
  return [
    ['Отчёт', monitoringTitle(report)],
    ['Период', `${report.period.from} — ${report.period.to}`],
    ['Срок подачи', report.dueOn],
    ['Подан', String(report.filedAt)],
    ['Подан с опозданием', report.filedLate ? 'да' : 'нет'],
    ['Версия методики', report.definitionVersion],
    ['Правило учёта получения услуг', label('CoverageRule', report.coverageRule)],
    ['Идентификатор отчёта', report.id],
  ]
}

/**
 * CSV for a spreadsheet set to Russian: ';' between fields, a decimal comma, UTF-8 with a byte-order mark so that
 * the Cyrillic headings open correctly.
 */
export function toCsv(rows: readonly (readonly Value[])[]) {
  const field = (value: Value) => {
    const text = value === null ? '' : typeof value === 'number' ? String(value).replace('.', ',') : value
    return /[;"\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  return `\uFEFF${rows.map((row) => row.map(field).join(';')).join('\r\n')}\r\n`
}

async function toXlsx(report: Report, label: EnumLabels) {
  const sheet = (rows: readonly (readonly Value[])[], bold = true): SheetData =>
    rows.map((row, index) =>
      row.map((value) => (index === 0 && bold ? { value: value ?? '', fontWeight: 'bold' as const } : value)),
    )
  return writeXlsxFile([
    { sheet: 'Показатели', data: sheet([HEADINGS, ...tableRows(report)]), stickyRowsCount: 1 },
    {
      sheet: 'Разрезы по региону',
      data: sheet([['Показатель', 'Значение разреза', 'Число детей'], ...breakdownRows(report, label)]),
    },
    { sheet: 'Сведения об отчёте', data: sheet(aboutRows(report, label), false) },
  ]).toBuffer()
}

/**
 * Downloads of a filed quarterly report, `GET /reports/quarterly/<id>.csv`, `.xlsx` or `.pdf`, with Russian headings.
 * The figures come from the committed QuarterlyReport operation run through this gateway's own endpoint with the
 * caller's token, so each subgraph authorises the export exactly as it would the query.
 */
export function mountReportExports(
  app: Express,
  graphqlUrl: () => string,
  supergraphSdl: string,
  verifier: TokenVerifier,
) {
  const label = enumLabels(supergraphSdl)
  app.get('/reports/quarterly/:file', async (req: Request, res: Response) => {
    const match = /^(.+)\.(csv|xlsx|pdf)$/.exec(String(req.params.file))
    if (!match) {
      refuseFileName(res, 'report', '<report id>.csv, <report id>.xlsx or <report id>.pdf')
      return
    }
    const [, id, format] = match
    const answer = await runForCaller(
      req,
      res,
      graphqlUrl(),
      { query: QUARTERLY_REPORT, variables: { id }, record: (data: QuarterlyReportQuery) => data.quarterlyReport },
      { what: 'filed report' },
    )
    if (!answer) return
    const report = answer.record
    const name = `monitoring-${report.year}-Q${report.quarter}-${report.definitionVersion}`
    res.setHeader('content-disposition', `attachment; filename="${name}.${format}"`)
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').send(toCsv([HEADINGS, ...tableRows(report)]))
    } else if (format === 'xlsx') {
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(report, label))
    } else {
      const printing = await printingFor(verifier, req.headers.authorization)
      res.type('application/pdf').send(
        await quarterlyReportPdf(
          {
            title: monitoringTitle(report),
            headings: HEADINGS,
            rows: tableRows(report),
            about: aboutRows(report, label),
          },
          printing,
        ),
      )
    }
  })
}
