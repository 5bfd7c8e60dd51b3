import {
  IndicatorCohortDocument,
  PreschoolCohortDocument,
  type DepersonalisedGroupFieldsFragment,
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

/** The depersonalised groups of children behind one figure of one set of indicators. */
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
      <p className="muted">
        Обезличенные сведения: группы детей по году рождения, полу и критериям целевой группы. Для аналитика в каждой
        группе не менее 5 детей («любой» — признак обобщён), а число детей искажено малым шумом.
      </p>
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
  return <GroupsTable state={state} pick={(data) => data.indicatorCohort} />
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
  return <GroupsTable state={state} pick={(data) => data.indicators?.preschoolCohort} />
}

const ANY = 'любой'

/** A group's label and count in one table row's cells; a generalised label reads «любой». */
const groupCells = (group: DepersonalisedGroupFieldsFragment) => [
  group.birthYear === null || group.birthYear === undefined ? ANY : String(group.birthYear),
  group.sex ? SEX[group.sex] : ANY,
  group.criteria ? group.criteria.map((code) => CRITERION[code]).join('; ') || 'нет' : 'любые',
  group.shown,
]

function GroupsTable<R>({
  state,
  pick,
}: {
  state: OperationState<R>
  pick: (data: R) => readonly DepersonalisedGroupFieldsFragment[] | undefined
}) {
  const data = state.status === 'done' ? state.result.data : undefined
  const groups = data ? pick(data) : undefined
  return (
    <>
      <Outcome state={state} />
      {groups && (
        <table className="cohort-table">
          <thead>
            <tr>
              <th>Год рождения</th>
              <th>Пол</th>
              <th>Критерии</th>
              <th>Детей</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => {
              const cells = groupCells(group)
              return (
                <tr key={cells.join('|')}>
                  {cells.map((cell, index) => (
                    <td key={index}>{cell}</td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </>
  )
}
