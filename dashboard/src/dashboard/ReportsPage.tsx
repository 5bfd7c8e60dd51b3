import { useState, type FormEvent } from 'react'
import {
  FileQuarterlyReportDocument,
  QuarterlyReportDocument,
  QuarterlyReportsDocument,
  RegionalIndicatorsDocument,
  type CoverageRule,
  type QuarterlyReportQuery,
} from '../../../schema/__generated__/operations'
import { errorText } from '../shared/errors'
import { runOperation, type HubError } from '../shared/graphql'
import { COVERAGE_RULE, formatDate, formatPercent, VIEWER_SIDE } from './labels'
import { Choice, optionsOf } from './Choice'
import { lastEndedQuarter, QUARTER_OPTIONS, quarterPeriod, yearOptions } from './period'
import { Outcome } from './Status'
import { useOperation } from './useOperation'
import { DownloadButtons } from './print'

type Report = NonNullable<QuarterlyReportQuery['quarterlyReport']>
type Territory = Report['municipalities'][number] | Report['region']

/** Why filing failed, in Russian, from the rule the subgraph named. */
function filingError(error: HubError) {
  return `Отчёт не подан. ${errorText(error, FILING_LABELS)}`
}

const FILING_LABELS = { 'input.year': 'Год', 'input.quarter': 'Квартал', 'input.definitionVersion': 'Версия методики' }

function TerritoryRow({ name, territory }: { name: string; territory: Territory }) {
  const { coverage, timeliness, recipients, transitions, outcomes } = territory
  return (
    <>
      <th scope="row">{name}</th>
      <td>{coverage.share.total.shown}</td>
      <td>{coverage.share.part.shown}</td>
      <td>{formatPercent(coverage.share.percent)}</td>
      <td>{coverage.consultations.shown}</td>
      <td>{coverage.potentiallyInNeed.shown}</td>
      <td>{formatPercent(timeliness.needDetermination.met.percent)}</td>
      <td>{formatPercent(timeliness.programme.met.percent)}</td>
      <td>{timeliness.overdueReviews.shown}</td>
      <td>{recipients.total.shown}</td>
      <td>{formatPercent(recipients.nonStateShare.percent)}</td>
      <td>{formatPercent(recipients.remoteShare.percent)}</td>
      <td>{transitions.toPreschool.shown}</td>
      <td>{transitions.reachedThree.shown}</td>
      <td>{formatPercent(outcomes.improved.percent)}</td>
    </>
  )
}

function ReportView({ id, token }: { id: string; token: string }) {
  const state = useOperation(QuarterlyReportDocument, { id }, token)
  const report = state.status === 'done' ? state.result.data?.quarterlyReport : undefined
  return (
    <section className="panel" aria-label="Отчёт">
      <Outcome state={state} />
      {report && (
        <>
          <h2>
            Мониторинг за {report.quarter} квартал {report.year} г.
          </h2>
          <p className="muted">
            Период {formatDate(report.period.from)} — {formatDate(report.period.to)}; методика{' '}
            {report.definitionVersion}; {COVERAGE_RULE[report.coverageRule]}; подан {formatDate(report.filedAt)}
          </p>
          <DownloadButtons
            path={(format) => `/reports/quarterly/${encodeURIComponent(id)}.${format}`}
            name="report"
            token={token}
          />
          <div className="wide">
            <table className="figures report-table" aria-label="Показатели отчёта">
              <thead>
                <tr>
                  <th>Муниципальное образование</th>
                  <th>Нуждающиеся</th>
                  <th>Получившие услуги</th>
                  <th>Охват</th>
                  <th>Консультирование без ИПРП</th>
                  <th>Потенциально нуждающиеся</th>
                  <th>Нуждаемость в срок</th>
                  <th>ИПРП в срок</th>
                  <th>Просрочена промежуточная оценка</th>
                  <th>Получатели по ИПРП</th>
                  <th>Доля НКО</th>
                  <th>Доля дистанционно</th>
                  <th>Перешли в ДОО</th>
                  <th>Исполнилось 3 года</th>
                  <th>Улучшение функционирования</th>
                </tr>
              </thead>
              <tbody>
                {report.municipalities.map((territory) => (
                  <tr key={territory.id}>
                    <TerritoryRow name={territory.municipality?.name ?? '—'} territory={territory} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="region-row">
                  <TerritoryRow name="Итого по региону" territory={report.region} />
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

/** Filed quarterly reports, filing a quarter, and a report's table with its CSV and XLSX exports. */
export function ReportsPage({ token, mayFile }: { token: string; mayFile: boolean }) {
  const initial = lastEndedQuarter()
  const [year, setYear] = useState(String(initial.year))
  const [quarter, setQuarter] = useState(String(initial.quarter))
  const [coverageRule, setCoverageRule] = useState<CoverageRule>('PROGRAMME_IN_FORCE')
  const [filing, setFiling] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [errors, setErrors] = useState<string[]>([])
  const [opened, setOpened] = useState<string | null>(null)
  const [version, setVersion] = useState(0)
  const list = useOperation(QuarterlyReportsDocument, { year: null }, token, version)
  const reports = list.status === 'done' ? (list.result.data?.quarterlyReports ?? []) : []

  const file = async () => {
    setConfirming(false)
    setFiling(true)
    setErrors([])
    try {
      const chosen = { year: Number(year), quarter: Number(quarter) }
      // The methodology version is named explicitly: the one the indicators are computed under now.
      const current = await runOperation(
        RegionalIndicatorsDocument,
        { period: quarterPeriod(chosen), coverageRule },
        token,
      )
      const definitionVersion = current.data?.regionalIndicators.definitionVersion
      if (!definitionVersion) {
        setErrors((current.errors ?? []).map(filingError))
        return
      }
      const filed = await runOperation(
        FileQuarterlyReportDocument,
        { input: { ...chosen, definitionVersion, coverageRule } },
        token,
      )
      const report = filed.data?.fileQuarterlyReport
      if (!report) {
        setErrors((filed.errors ?? []).map(filingError))
        return
      }
      setOpened(report.id)
      setVersion((v) => v + 1)
    } catch (error) {
      setErrors([`Шлюз недоступен: ${(error as Error).message}`])
    } finally {
      setFiling(false)
    }
  }

  return (
    <section>
      <h1>Квартальные отчёты мониторинга</h1>
      {mayFile && (
        <form
          className="filters"
          onSubmit={(event: FormEvent) => {
            event.preventDefault()
            setConfirming(true)
          }}
          aria-label="Подать отчёт"
        >
          <Choice label="Год" value={year} onChange={setYear} options={yearOptions()} />
          <Choice label="Квартал" value={quarter} onChange={setQuarter} options={QUARTER_OPTIONS} />
          <Choice
            label="Правило охвата"
            value={coverageRule}
            onChange={(value) => setCoverageRule(value as CoverageRule)}
            options={optionsOf(COVERAGE_RULE)}
          />
          <button type="submit" disabled={filing}>
            Подать отчёт за квартал
          </button>
        </form>
      )}
      {mayFile && confirming && (
        <div className="notice" role="alertdialog" aria-label="Подтверждение подачи отчёта">
          <p>
            Подать отчёт за {quarter} квартал {year} г.? Поданный отчёт замораживается: его нельзя изменить или
            отозвать, действие нельзя отменить.
          </p>
          <button type="button" onClick={() => void file()}>
            Подать окончательно
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Отмена
          </button>
        </div>
      )}
      {errors.length > 0 && (
        <div className="notice notice-error" role="alert">
          {[...new Set(errors)].map((text) => (
            <p key={text}>{text}</p>
          ))}
        </div>
      )}
      <Outcome state={list} />
      <table className="figures" aria-label="Поданные отчёты">
        <thead>
          <tr>
            <th>Квартал</th>
            <th>Методика</th>
            <th>Правило охвата</th>
            <th>Срок подачи</th>
            <th>Подан</th>
            <th>Кем</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr key={report.id} className={report.id === opened ? 'selected' : undefined}>
              <th scope="row">
                {report.quarter} кв. {report.year}
              </th>
              <td>{report.definitionVersion}</td>
              <td>{COVERAGE_RULE[report.coverageRule]}</td>
              <td>{formatDate(report.dueOn)}</td>
              <td>
                {formatDate(report.filedAt)}
                {report.filedLate && <span className="tag tag-late">с опозданием</span>}
              </td>
              <td>
                {VIEWER_SIDE[report.filedBySide] ?? report.filedBySide}
                {report.filedByOrganisation ? `, ${report.filedByOrganisation}` : ''}
              </td>
              <td>
                <button type="button" onClick={() => setOpened(report.id)}>
                  Открыть
                </button>
              </td>
            </tr>
          ))}
          {list.status === 'done' && reports.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                Отчёты ещё не подавались
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {opened && <ReportView key={opened} id={opened} token={token} />}
    </section>
  )
}
