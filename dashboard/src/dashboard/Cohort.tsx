import { useState } from 'react'
import {
  IndicatorChildrenDocument,
  IndicatorCohortDocument,
  PreschoolCohortDocument,
  PreschoolPlacementChildrenDocument,
  type DepersonalisedGroupFieldsFragment,
  type IndicatorCountFieldsFragment,
  type IndicatorFigure,
  type NamedChildFieldsFragment,
  type PreschoolPlacement,
} from '../../../schema/__generated__/operations'
import { cardPath } from './forms/kit'
import { CRITERION, EXIT_REASON, formatDate, PRESCHOOL_PLACEMENT, REGISTRY_STATUS, SEX, SIDE } from './labels'
import { Link } from './navigation'
import { Refusals } from './notices'
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

type View = 'children' | 'groups'

const VIEWS: readonly (readonly [View, string])[] = [
  ['children', 'Списком детей'],
  ['groups', 'Обезличенно'],
]

/**
 * The children behind one figure of one set of indicators. A viewer who may find any child in the registry (`named`,
 * from the role table) sees them by name, a page at a time, each a link to the child's card, and may switch to the
 * depersonalised groups; everyone else sees only the groups.
 */
export function CohortList({
  indicators,
  drill,
  token,
  named,
  onClose,
}: {
  indicators: string
  drill: Drill
  token: string
  named: boolean
  onClose: () => void
}) {
  const [view, setView] = useState<View>('children')
  const shown: View = named ? view : 'groups'
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
      {named && (
        <fieldset className="view-switch">
          <legend>Показать</legend>
          {VIEWS.map(([value, label]) => (
            <label key={value} className="check">
              <input type="radio" name="cohort-view" checked={shown === value} onChange={() => setView(value)} />
              {label}
            </label>
          ))}
        </fieldset>
      )}
      {shown === 'children' ? (
        <NamedChildren key={JSON.stringify(drill.of)} indicators={indicators} drill={drill} token={token} />
      ) : (
        <>
          <p className="muted">
            Обезличенные сведения: группы детей по году рождения, полу и критериям целевой группы. Для аналитика в
            каждой группе не менее 5 детей («любой» — признак обобщён), а число детей искажено малым шумом.
          </p>
          {'placement' in drill.of ? (
            <PreschoolChildren indicators={indicators} placement={drill.of.placement} token={token} />
          ) : (
            <FigureChildren indicators={indicators} figure={drill.of.figure} figureKey={drill.of.key} token={token} />
          )}
        </>
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

/** Named children are listed a page at a time. */
const PAGE_SIZE = 20

/** The pages of a list already seen, by the cursor each starts after: forward by `endCursor`, and back. */
function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  return {
    after: cursors.at(-1) ?? null,
    index: cursors.length - 1,
    next: (cursor: string) => setCursors([...cursors, cursor]),
    back: () => setCursors(cursors.slice(0, -1)),
  }
}

type Pages = ReturnType<typeof useCursorPages>

/** One named child in the list, and what makes the child count in the figure. */
interface NamedRow {
  child: NamedChildFieldsFragment
  reason: string
}

interface NamedPage {
  totalCount: number
  pageInfo: { hasNextPage: boolean; endCursor: string | null }
  rows: NamedRow[]
}

const quarterLabel = (key: string) => {
  const [year, quarter] = key.split('-Q')
  return `${quarter} кв. ${year}`
}

/**
 * What the key a child is counted under says of the child, for the figures whose keys say more than the
 * municipality, which has a column of its own.
 */
const KEY_LABEL: Partial<Record<IndicatorFigure, (key: string) => string>> = {
  QUARTER_IN_NEED: quarterLabel,
  QUARTER_RECEIVED: quarterLabel,
  SOP: (key) => `статус на конец периода: ${REGISTRY_STATUS[key as keyof typeof REGISTRY_STATUS] ?? key}`,
  RECIPIENTS_BY_CRITERION: (key) => CRITERION[key as keyof typeof CRITERION] ?? key,
  RECIPIENTS_BY_SIDE: (key) => SIDE[key as keyof typeof SIDE] ?? key,
  EXITS: (key) => EXIT_REASON[key as keyof typeof EXIT_REASON] ?? key,
}

function reasonOf(drill: Drill, figure: IndicatorFigure, keys: readonly string[]) {
  const labelOf = KEY_LABEL[figure]
  return labelOf && keys.length > 0 ? keys.map(labelOf).join('; ') : drill.label
}

function NamedChildren({ indicators, drill, token }: { indicators: string; drill: Drill; token: string }) {
  const pages = useCursorPages()
  return (
    <>
      <p className="muted">
        Поимённый список: ФИО открывает карточку ребёнка. Каждый просмотр записывается в журнал доступа.
      </p>
      {'placement' in drill.of ? (
        <PreschoolNamed indicators={indicators} placement={drill.of.placement} token={token} pages={pages} />
      ) : (
        <FigureNamed
          indicators={indicators}
          drill={drill}
          figure={drill.of.figure}
          figureKey={drill.of.key}
          token={token}
          pages={pages}
        />
      )}
    </>
  )
}

function FigureNamed({
  indicators,
  drill,
  figure,
  figureKey,
  token,
  pages,
}: {
  indicators: string
  drill: Drill
  figure: IndicatorFigure
  figureKey?: string | null
  token: string
  pages: Pages
}) {
  const state = useOperation(
    IndicatorChildrenDocument,
    { indicators, figure, key: figureKey, first: PAGE_SIZE, after: pages.after },
    token,
  )
  const connection = state.status === 'done' ? state.result.data?.indicatorChildren : undefined
  const page = connection && {
    ...connection,
    rows: connection.edges.map((edge) => ({ child: edge.node, reason: reasonOf(drill, figure, edge.keys) })),
  }
  return <NamedTable state={state} page={page} pages={pages} />
}

function PreschoolNamed({
  indicators,
  placement,
  token,
  pages,
}: {
  indicators: string
  placement: PreschoolPlacement
  token: string
  pages: Pages
}) {
  const state = useOperation(
    PreschoolPlacementChildrenDocument,
    { indicators, placement, first: PAGE_SIZE, after: pages.after },
    token,
  )
  const connection = state.status === 'done' ? state.result.data?.indicators?.educationPreschoolPlacementChildren : null
  const page = connection && {
    ...connection,
    rows: connection.edges.map((edge) => ({ child: edge.node, reason: PRESCHOOL_PLACEMENT[edge.placement] })),
  }
  return <NamedTable state={state} page={page ?? undefined} pages={pages} />
}

function NamedTable({
  state,
  page,
  pages,
}: {
  state: OperationState<unknown>
  page: NamedPage | undefined
  pages: Pages
}) {
  const errors = state.status === 'done' ? (state.result.errors ?? []) : []
  const first = pages.index * PAGE_SIZE + 1
  return (
    <>
      <Outcome state={state} />
      <Refusals errors={errors.filter((error) => error.extensions?.code === 'FORBIDDEN')} />
      {page && (
        <>
          <p>
            Детей: <strong>{page.totalCount}</strong>
            {page.rows.length > 0 && `; показаны с ${first} по ${first + page.rows.length - 1}`}
          </p>
          <table className="cohort-table" aria-label="Дети в показателе поимённо">
            <thead>
              <tr>
                <th>ФИО</th>
                <th>Дата рождения</th>
                <th>Муниципальное образование</th>
                <th>Учтён в показателе</th>
                <th>Критерии целевой группы</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map(({ child, reason }) => (
                <tr key={child.id}>
                  <td>
                    <Link to={cardPath(child.id)}>{child.fullName}</Link>
                  </td>
                  <td>{formatDate(child.birthDate)}</td>
                  <td>{child.municipality.name}</td>
                  <td>{reason}</td>
                  <td>
                    {child.criteria
                      .filter((criterion) => criterion.active)
                      .map((criterion) => CRITERION[criterion.code])
                      .join('; ') || 'нет'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            {pages.index > 0 && (
              <button type="button" onClick={pages.back}>
                Предыдущие {PAGE_SIZE}
              </button>
            )}
            {page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
              <button type="button" onClick={() => pages.next(page.pageInfo.endCursor!)}>
                Следующие {PAGE_SIZE}
              </button>
            )}
          </div>
        </>
      )}
    </>
  )
}
