import { UNAVAILABLE_NOTICE } from './notices'
import { useState } from 'react'
import { readClaims } from '../shared/session'
import {
  MunicipalityBoundariesDocument,
  RegionalIndicatorsDocument,
  type CoverageRule,
  type IndicatorCountFieldsFragment,
  type RegionalIndicatorsFieldsFragment,
  type ShareFieldsFragment,
  type StaffingIndicatorsFieldsFragment,
} from '../../../schema/__generated__/operations'
import { PercentChart } from './charts'
import { Choice, optionsOf } from './Choice'
import { CohortList, Count, PreschoolCount, type Drill } from './Cohort'
import { CoverageMap } from './CoverageMap'
import {
  COVERAGE_RULE,
  CRITERION,
  EXIT_REASON,
  formatDate,
  formatPercent,
  REGISTRY_STATUS,
  SIDE,
  SPECIALIST_ROLE,
} from './labels'
import { lastEndedQuarter, QUARTER_OPTIONS, quarterPeriod, yearOptions } from './period'
import { accessOf } from './roles'
import { Outcome } from './Status'
import { useOperation } from './useOperation'

type Indicators = RegionalIndicatorsFieldsFragment
type OnDrill = (drill: Drill) => void

const COLOUR = { coverage: '#2f6f9f', consultations: '#c98b2b' }

/** A share in one line: part of total, and the percentage. */
function ShareText({ share, label, onDrill }: { share: ShareFieldsFragment; label: string; onDrill: OnDrill }) {
  return (
    <>
      <Count count={share.part} label={label} onDrill={onDrill} /> из{' '}
      <Count count={share.total} label={`${label}: всего`} onDrill={onDrill} /> ({formatPercent(share.percent)})
    </>
  )
}

/** Counts broken down by a key, with their total (the count whose key is null) last. */
function CountTable({
  caption,
  counts,
  labelOf,
  onDrill,
}: {
  caption: string
  counts: readonly IndicatorCountFieldsFragment[]
  labelOf: (key: string) => string
  onDrill: OnDrill
}) {
  const total = counts.find((count) => count.key === null)
  const rows = counts.filter((count) => count.key !== null)
  return (
    <table className="figures">
      <caption>{caption}</caption>
      <tbody>
        {rows.map((count) => (
          <tr key={count.key}>
            <th scope="row">{labelOf(count.key!)}</th>
            <td>
              <Count count={count} label={`${caption}: ${labelOf(count.key!)}`} onDrill={onDrill} />
            </td>
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={2} className="muted">
              нет детей
            </td>
          </tr>
        )}
      </tbody>
      {total && (
        <tfoot>
          <tr>
            <th scope="row">Всего</th>
            <td>
              <Count count={total} label={caption} onDrill={onDrill} />
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  )
}

function Headline({ indicators, onDrill }: { indicators: Indicators; onDrill: OnDrill }) {
  const { share, consultations, potentiallyInNeed } = indicators.coverage
  return (
    <dl className="headline" aria-label="Охват ранней помощью">
      <div>
        <dt>Получили услуги ранней помощи</dt>
        <dd data-testid="coverage-part">
          <Count count={share.part} label="получили услуги" onDrill={onDrill} />
        </dd>
      </div>
      <div>
        <dt>Нуждаются в услугах</dt>
        <dd data-testid="coverage-total">
          <Count count={share.total} label="нуждаются в услугах" onDrill={onDrill} />
        </dd>
      </div>
      <div>
        <dt>Охват</dt>
        <dd data-testid="coverage-percent" className="percent">
          {formatPercent(share.percent)}
        </dd>
      </div>
      <div>
        <dt>Консультирование без ИПРП</dt>
        <dd>
          <Count count={consultations} label="консультирование без ИПРП" onDrill={onDrill} />
        </dd>
      </div>
      <div>
        <dt>Потенциально нуждающиеся</dt>
        <dd>
          <Count count={potentiallyInNeed} label="потенциально нуждающиеся" onDrill={onDrill} />
        </dd>
      </div>
    </dl>
  )
}

function CoverageByMunicipality({ indicators, onDrill }: { indicators: Indicators; onDrill: OnDrill }) {
  const rows = indicators.coverageByMunicipality
  return (
    <PercentChart
      kind="bar"
      title="Охват по муниципальным образованиям, %"
      labels={rows.map((row) => row.municipality.name)}
      series={[{ label: 'Охват, %', values: rows.map((row) => row.coverage.share.percent), colour: COLOUR.coverage }]}
      table={
        <table className="figures" aria-label="Охват по муниципальным образованиям">
          <thead>
            <tr>
              <th>Муниципальное образование</th>
              <th>Получили услуги</th>
              <th>Нуждаются</th>
              <th>Охват</th>
              <th>Консультирование без ИПРП</th>
              <th>Потенциально нуждающиеся</th>
              <th>Дети 0–3 лет (Росстат)</th>
              <th>Охват детского населения</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ municipality, coverage, population, populationShare }) => (
              <tr key={municipality.oktmo} data-oktmo={municipality.oktmo}>
                <th scope="row">{municipality.name}</th>
                <td>
                  <Count
                    count={coverage.share.part}
                    label={`${municipality.name}: получили услуги`}
                    onDrill={onDrill}
                  />
                </td>
                <td>
                  <Count count={coverage.share.total} label={`${municipality.name}: нуждаются`} onDrill={onDrill} />
                </td>
                <td>{formatPercent(coverage.share.percent)}</td>
                <td>
                  <Count
                    count={coverage.consultations}
                    label={`${municipality.name}: консультирование`}
                    onDrill={onDrill}
                  />
                </td>
                <td>
                  <Count
                    count={coverage.potentiallyInNeed}
                    label={`${municipality.name}: потенциально нуждающиеся`}
                    onDrill={onDrill}
                  />
                </td>
                <td>{population ? `${population.children} (${population.year} г.)` : 'не загружено'}</td>
                <td>{formatPercent(populationShare?.percent ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}

function CoverageByQuarter({ indicators, onDrill }: { indicators: Indicators; onDrill: OnDrill }) {
  const rows = indicators.coverageByQuarter
  const label = (row: (typeof rows)[number]) => `${row.quarter} кв. ${row.year}`
  return (
    <PercentChart
      kind="line"
      title="Охват по кварталам, %"
      labels={rows.map(label)}
      series={[{ label: 'Охват, %', values: rows.map((row) => row.share.percent), colour: COLOUR.coverage }]}
      table={
        <table className="figures" aria-label="Охват по кварталам">
          <thead>
            <tr>
              <th>Квартал</th>
              <th>Получили услуги</th>
              <th>Нуждаются</th>
              <th>Охват</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={label(row)}>
                <th scope="row">{label(row)}</th>
                <td>
                  <Count count={row.share.part} label={`${label(row)}: получили услуги`} onDrill={onDrill} />
                </td>
                <td>
                  <Count count={row.share.total} label={`${label(row)}: нуждаются`} onDrill={onDrill} />
                </td>
                <td>{formatPercent(row.share.percent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}

function Timeliness({ indicators, onDrill }: { indicators: Indicators; onDrill: OnDrill }) {
  const { needDetermination, programme, overdueReviews } = indicators.timeliness
  const clocks = [
    { name: 'Определение нуждаемости', clock: needDetermination },
    { name: 'Разработка ИПРП', clock: programme },
  ]
  return (
    <section className="panel">
      <h2>Соблюдение сроков</h2>
      <table className="figures">
        <thead>
          <tr>
            <th>Этап</th>
            <th>Завершено в срок</th>
            <th>Завершено с нарушением срока</th>
            <th>Не завершено, срок истёк</th>
          </tr>
        </thead>
        <tbody>
          {clocks.map(({ name, clock }) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>
                <ShareText share={clock.met} label={`${name}: в срок`} onDrill={onDrill} />
              </td>
              <td>
                <Count count={clock.missed} label={`${name}: с нарушением срока`} onDrill={onDrill} />
              </td>
              <td>
                <Count count={clock.overdue} label={`${name}: просрочено`} onDrill={onDrill} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Просрочен промежуточный пересмотр ИПРП:{' '}
        <Count count={overdueReviews} label="просрочен пересмотр ИПРП" onDrill={onDrill} />
      </p>
    </section>
  )
}

function Recipients({ indicators, onDrill }: { indicators: Indicators; onDrill: OnDrill }) {
  const { total, bySide, byCriterion, byMunicipality, nonStateShare, remoteShare } = indicators.recipients
  const municipalityName = new Map(
    indicators.coverageByMunicipality.map((row) => [row.municipality.oktmo, row.municipality.name]),
  )
  return (
    <section className="panel">
      <h2>Получатели услуг по ИПРП</h2>
      <p>
        Всего: <Count count={total} label="получатели услуг" onDrill={onDrill} />. Доля получивших услуги
        негосударственных поставщиков:{' '}
        <ShareText share={nonStateShare} label="у негосударственных поставщиков" onDrill={onDrill} />. Доля получивших
        услуги дистанционно: <ShareText share={remoteShare} label="дистанционно" onDrill={onDrill} />.
      </p>
      <div className="columns">
        <CountTable
          caption="По ведомствам"
          counts={bySide}
          labelOf={(key) => SIDE[key as keyof typeof SIDE] ?? key}
          onDrill={onDrill}
        />
        <CountTable
          caption="По критериям целевой группы"
          counts={byCriterion}
          labelOf={(key) => CRITERION[key as keyof typeof CRITERION] ?? key}
          onDrill={onDrill}
        />
        <CountTable
          caption="По муниципальным образованиям"
          counts={byMunicipality}
          labelOf={(key) => municipalityName.get(key) ?? key}
          onDrill={onDrill}
        />
      </div>
    </section>
  )
}

function TransitionsAndOutcomes({ indicators, onDrill }: { indicators: Indicators; onDrill: OnDrill }) {
  const { exitsByReason, toPreschool, reachedThree } = indicators.transitions
  const { improved, notImproved } = indicators.outcomes
  return (
    <section className="panel">
      <h2>Переходы и результаты</h2>
      <p>
        Перешли в дошкольную организацию: <Count count={toPreschool} label="переход в ДОО" onDrill={onDrill} />.
        Достигли трёх лет в периоде: <Count count={reachedThree} label="достигли трёх лет" onDrill={onDrill} />.
      </p>
      <Preschool preschool={indicators.educationPreschool} onDrill={onDrill} />
      <p>
        Функционирование улучшилось к итоговой оценке:{' '}
        <ShareText share={improved} label="улучшение функционирования" onDrill={onDrill} />; без улучшения:{' '}
        <Count count={notImproved} label="без улучшения" onDrill={onDrill} />.
      </p>
      <CountTable
        caption="Выбытие из программы по причинам"
        counts={exitsByReason}
        labelOf={(key) => EXIT_REASON[key as keyof typeof EXIT_REASON] ?? key}
        onDrill={onDrill}
      />
    </section>
  )
}

/**
 * Education's part: where the children who turned three stand in the preschool queue; hidden counts are «<5», and
 * every other count opens its children (PreschoolCohort).
 */
function Preschool({ preschool, onDrill }: { preschool: Indicators['educationPreschool']; onDrill: OnDrill }) {
  if (!preschool) return <p className="notice notice-unavailable">{UNAVAILABLE_NOTICE.education}</p>
  return (
    <p>
      Из них зачислены в детский сад:{' '}
      <PreschoolCount
        count={preschool.enrolled}
        placement="ENROLLED"
        label="зачислены в детский сад"
        onDrill={onDrill}
      />
      , с направлением:{' '}
      <PreschoolCount count={preschool.directed} placement="DIRECTED" label="с направлением" onDrill={onDrill} />, в
      очереди: <PreschoolCount count={preschool.queued} placement="QUEUED" label="в очереди" onDrill={onDrill} />;{' '}
      <strong>
        без устройства:{' '}
        <PreschoolCount
          count={preschool.withoutPlacement}
          placement="WITHOUT_PLACEMENT"
          label="без устройства в детский сад"
          onDrill={onDrill}
        />
      </strong>
      .
    </p>
  )
}

function Staffing({ staffing }: { staffing: readonly (StaffingIndicatorsFieldsFragment | null)[] }) {
  return (
    <section className="panel">
      <h2>Кадры</h2>
      <div className="columns">
        {staffing.map(
          (side) =>
            side && (
              <div key={side.side}>
                <table className="figures">
                  <caption>
                    {SIDE[side.side]}: поставщиков {side.providers}, без обязательных специалистов{' '}
                    {side.providersMissingRoles}
                  </caption>
                  <thead>
                    <tr>
                      <th>Специалист</th>
                      <th>Работают</th>
                      <th>Повысили квалификацию</th>
                      <th>Часов обучения</th>
                    </tr>
                  </thead>
                  <tbody>
                    {side.byRole.map((row) => (
                      <tr key={row.role}>
                        <th scope="row">{SPECIALIST_ROLE[row.role]}</th>
                        <td>{row.employed}</td>
                        <td>{row.trained}</td>
                        <td>{row.trainingHours}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ),
        )}
      </div>
    </section>
  )
}

/** The monitoring overview: coverage with its map and charts, timeliness, СОП, recipients, transitions, staffing. */
export function OverviewPage({ token }: { token: string }) {
  const initial = lastEndedQuarter()
  const [year, setYear] = useState(String(initial.year))
  const [quarter, setQuarter] = useState(String(initial.quarter))
  const [custom, setCustom] = useState(false)
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [municipality, setMunicipality] = useState('')
  const [coverageRule, setCoverageRule] = useState<CoverageRule>('PROGRAMME_IN_FORCE')
  const [drill, setDrill] = useState<Drill | null>(null)
  const { namedChildren } = accessOf(readClaims(token))

  const period = custom && from && to ? { from, to } : quarterPeriod({ year: Number(year), quarter: Number(quarter) })
  const state = useOperation(
    RegionalIndicatorsDocument,
    { period, municipality: municipality || null, coverageRule },
    token,
  )
  const boundaries = useOperation(MunicipalityBoundariesDocument, {}, token)
  const municipalities = boundaries.status === 'done' ? (boundaries.result.data?.municipalities ?? []) : []
  const indicators = state.status === 'done' ? state.result.data?.regionalIndicators : undefined
  // An analyst's period that is not a whole month, quarter or year is refused (rule WHOLE_REPORTING_PERIOD).
  const wholePeriodOnly =
    state.status === 'done' &&
    (state.result.errors ?? []).some((error) => error.extensions?.rule === 'WHOLE_REPORTING_PERIOD')
  const percentByOktmo = new Map(
    (indicators?.coverageByMunicipality ?? []).map((row) => [row.municipality.oktmo, row.coverage.share.percent]),
  )
  const onDrill = (chosen: Drill) => setDrill(chosen)
  // A figure drilled into belongs to the indicators on screen: any change of the choices closes it.
  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setDrill(null)
      set(value)
    }

  return (
    <section>
      <h1>Обзор показателей ранней помощи</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label className="checkbox">
          <input type="checkbox" checked={custom} onChange={(event) => change(setCustom)(event.target.checked)} />
          Произвольный период
        </label>
        {custom ? (
          <>
            <label>
              С
              <input type="date" value={from} onChange={(event) => change(setFrom)(event.target.value)} />
            </label>
            <label>
              По
              <input type="date" value={to} onChange={(event) => change(setTo)(event.target.value)} />
            </label>
          </>
        ) : (
          <>
            <Choice label="Год" value={year} onChange={change(setYear)} options={yearOptions()} />
            <Choice label="Квартал" value={quarter} onChange={change(setQuarter)} options={QUARTER_OPTIONS} />
          </>
        )}
        <Choice
          label="Муниципальное образование"
          value={municipality}
          onChange={change(setMunicipality)}
          any="весь регион"
          options={municipalities.map((m) => ({ value: m.oktmo, label: m.name }))}
        />
        <Choice
          label="Правило охвата"
          value={coverageRule}
          onChange={(value) => change(setCoverageRule)(value as CoverageRule)}
          options={optionsOf(COVERAGE_RULE)}
        />
      </form>
      {custom && !(from && to) && <p className="muted">Укажите обе даты; до тех пор показан выбранный квартал.</p>}
      {wholePeriodOnly && (
        <p className="notice notice-error" role="alert">
          Аналитику показатели доступны только за целый календарный месяц, квартал или год: с первого по последний день.
          Произвольный период доступен координаторам.
        </p>
      )}
      <p className="muted">
        Период: {formatDate(period.from)} — {formatDate(period.to)}
        {indicators && `; методика ${indicators.definitionVersion}`}
      </p>
      <Outcome state={state} />
      {indicators && (
        <>
          <Headline indicators={indicators} onDrill={onDrill} />
          {drill && (
            <CohortList
              indicators={indicators.id}
              drill={drill}
              token={token}
              named={namedChildren}
              onClose={() => setDrill(null)}
            />
          )}
          <div className="columns">
            <CoverageMap
              municipalities={municipalities}
              percentByOktmo={percentByOktmo}
              selected={municipality}
              onSelect={change(setMunicipality)}
            />
            <CoverageByMunicipality indicators={indicators} onDrill={onDrill} />
          </div>
          <CoverageByQuarter indicators={indicators} onDrill={onDrill} />
          <Timeliness indicators={indicators} onDrill={onDrill} />
          <section className="panel">
            <h2>Дети из семей в социально опасном положении</h2>
            <CountTable
              caption="По статусу в реестре"
              counts={indicators.sopChildren}
              labelOf={(key) => REGISTRY_STATUS[key as keyof typeof REGISTRY_STATUS] ?? key}
              onDrill={onDrill}
            />
          </section>
          <Recipients indicators={indicators} onDrill={onDrill} />
          <TransitionsAndOutcomes indicators={indicators} onDrill={onDrill} />
          <Staffing
            staffing={[
              indicators.socialStaffing,
              indicators.healthStaffing,
              indicators.educationStaffing,
              indicators.ngoStaffing,
            ]}
          />
        </>
      )}
    </section>
  )
}
