import { IndicatorCohortDocument, type IndicatorCountFieldsFragment } from '../../../schema/__generated__/operations'
import { CRITERION, SEX } from './labels'
import { Outcome } from './Status'
import { useOperation } from './useOperation'

/** A figure chosen for drill-down, with the words that say what it counts. */
export interface Drill {
  count: IndicatorCountFieldsFragment
  label: string
}

/**
 * A count as the viewer may see it («<5» when hidden); a count that is shown and not zero opens its children.
 */
export function Count({
  count,
  label,
  onDrill,
}: {
  count: IndicatorCountFieldsFragment
  label: string
  onDrill: (drill: Drill) => void
}) {
  if (!count.count) return <span className="count">{count.shown}</span>
  return (
    <button
      type="button"
      className="count drill"
      title={`Показать детей: ${label}`}
      onClick={() => onDrill({ count, label })}
    >
      {count.shown}
    </button>
  )
}

/** The depersonalised children behind one figure of one set of indicators (IndicatorCohort). */
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
  const state = useOperation(
    IndicatorCohortDocument,
    { indicators, figure: drill.count.figure, key: drill.count.key },
    token,
  )
  const children = state.status === 'done' ? state.result.data?.indicatorCohort : undefined
  return (
    <section className="cohort" aria-label="Дети в показателе">
      <header>
        <h2>
          Дети в показателе: {drill.label} ({drill.count.shown})
        </h2>
        <button type="button" onClick={onClose}>
          Закрыть
        </button>
      </header>
      <p className="muted">Обезличенные сведения: псевдоним, год рождения, пол и критерии целевой группы.</p>
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
    </section>
  )
}
