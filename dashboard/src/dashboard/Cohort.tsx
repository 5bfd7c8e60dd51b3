import {
  IndicatorCohortDocument,
  PreschoolCohortDocument,
  type DepersonalisedChildFieldsFragment,
  type IndicatorCountFieldsFragment,
  type IndicatorFigure,
  type PreschoolPlacement,
} from '../../../schema/__generated__/operations'
import { CRITERION, SEX } from './labels'
import { Outcome } from './Status'
import { useOperation, type OperationState } from './useOperation'

/**
 * A figure chosen for drill-down, with the words that say what it counts and the count as shown: one of social's
 * figures (IndicatorCohort), or one of education's preschool placement figures (PreschoolCohort).
 */
export interface Drill {
  label: string
  shown: string
  of: { figure: IndicatorFigure; key?: string | null } | { placement: PreschoolPlacement }
}

/** A count as the viewer sees it; a count that is shown and not zero is a button that opens its children. */
function DrillButton({
  count,
  drill,
  onDrill,
}: {
  count: number | null
  drill: Drill
  onDrill: (drill: Drill) => void
}) {
  if (!count) return <span className="count">{drill.shown}</span>
  return (
    <button
      type="button"
      className="count drill"
      title={`Показать детей: ${drill.label}`}
      onClick={() => onDrill(drill)}
    >
      {drill.shown}
    </button>
  )
}

/** One of social's figures as the viewer may see it («<5» when hidden). */
export function Count({
  count,
  label,
  onDrill,
}: {
  count: IndicatorCountFieldsFragment
  label: string
  onDrill: (drill: Drill) => void
}) {
  return (
    <DrillButton
      count={count.count ?? null}
      drill={{ label, shown: count.shown, of: { figure: count.figure, key: count.key } }}
      onDrill={onDrill}
    />
  )
}

/** One of education's preschool figures: null is hidden from the viewer («<5»). */
export function PreschoolCount({
  count,
  placement,
  label,
  onDrill,
}: {
  count: number | null
  placement: PreschoolPlacement
  label: string
  onDrill: (drill: Drill) => void
}) {
  return (
    <DrillButton
      count={count}
      drill={{ label, shown: count === null ? '<5' : String(count), of: { placement } }}
      onDrill={onDrill}
    />
  )
}

/** The depersonalised children behind one figure of one set of indicators. */
export function CohortList({
  indicators,
  drill,
  token,
  onClose,
}: {
  indicators: string
  drill: Drill
  token: string
  onClose: () => void
}) {
  return (
    <section className="cohort" aria-label="Дети в показателе">
      <header>
        <h2>
          Дети в показателе: {drill.label} ({drill.shown})
        </h2>
        <button type="button" onClick={onClose}>
          Закрыть
        </button>
      </header>
      <p className="muted">Обезличенные сведения: псевдоним, год рождения, пол и критерии целевой группы.</p>
      {'placement' in drill.of ? (
        <PreschoolChildren indicators={indicators} placement={drill.of.placement} token={token} />
      ) : (
        <FigureChildren indicators={indicators} figure={drill.of.figure} figureKey={drill.of.key} token={token} />
      )}
    </section>
  )
}

function FigureChildren({
  indicators,
  figure,
  figureKey,
  token,
}: {
  indicators: string
  figure: IndicatorFigure
  figureKey?: string | null
  token: string
}) {
  const state = useOperation(IndicatorCohortDocument, { indicators, figure, key: figureKey }, token)
  return <ChildrenTable state={state} pick={(data) => data.indicatorCohort} />
}

function PreschoolChildren({
  indicators,
  placement,
  token,
}: {
  indicators: string
  placement: PreschoolPlacement
  token: string
}) {
  const state = useOperation(PreschoolCohortDocument, { indicators, placement }, token)
  return <ChildrenTable state={state} pick={(data) => data.indicators?.preschoolCohort} />
}

function ChildrenTable<R>({
  state,
  pick,
}: {
  state: OperationState<R>
  pick: (data: R) => readonly DepersonalisedChildFieldsFragment[] | undefined
}) {
  const data = state.status === 'done' ? state.result.data : undefined
  const children = data ? pick(data) : undefined
  return (
    <>
      <Outcome state={state} />
      {children && (
        <table className="cohort-table">
          <thead>
            <tr>
              <th>Псевдоним</th>
              <th>Год рождения</th>
              <th>Пол</th>
              <th>Критерии</th>
            </tr>
          </thead>
          <tbody>
            {children.map((child) => (
              <tr key={child.pseudonym}>
                <td>{child.pseudonym}</td>
                <td>{child.birthYear}</td>
                <td>{SEX[child.sex]}</td>
                <td>{child.criteria.map((code) => CRITERION[code]).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
