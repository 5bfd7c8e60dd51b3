import { useState } from 'react'
import {
  IndicatorChildrenDocument,
  IndicatorCohortDocument,
  PreschoolCohortDocument,
  PreschoolPlacementChildrenDocument,
  type DepersonalisedGroupFieldsFragment,
  type IndicatorCountFieldsFragment,
  type IndicatorFigure,
  type IndicatorChildrenQuery,
  type NamedChildFieldsFragment,
  type PreschoolPlacement,
  type PreschoolPlacementChildrenQuery,
} from '../../../schema/__generated__/operations'
import { runOperation } from '../shared/graphql'
import { Downloads, EXPORT_PAGE_SIZE, listOf, type ListPage } from './Downloads'
import { cellText, type Column } from './export'
import { cardPath } from './forms/kit'
import { CRITERION, EXIT_REASON, PRESCHOOL_PLACEMENT, REGISTRY_STATUS, SEX, SIDE } from './labels'
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
  const title = `Дети в показателе ${drill.label}`
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
            <PreschoolChildren title={title} indicators={indicators} placement={drill.of.placement} token={token} />
          ) : (
            <FigureChildren
              title={title}
              indicators={indicators}
              figure={drill.of.figure}
              figureKey={drill.of.key}
              token={token}
            />
          )}
        </>
      )}
    </section>
  )
}

function FigureChildren({
  title,
  indicators,
  figure,
  figureKey,
  token,
}: {
  title: string
  indicators: string
  figure: IndicatorFigure
  figureKey?: string | null
  token: string
}) {
  const state = useOperation(IndicatorCohortDocument, { indicators, figure, key: figureKey }, token)
  return <GroupsTable title={title} state={state} pick={(data) => data.indicatorCohort} />
}

function PreschoolChildren({
  title,
  indicators,
  placement,
  token,
}: {
  title: string
  indicators: string
  placement: PreschoolPlacement
  token: string
}) {
  const state = useOperation(PreschoolCohortDocument, { indicators, placement }, token)
  return <GroupsTable title={title} state={state} pick={(data) => data.indicators?.preschoolCohort} />
}

const ANY = 'любой'

/** A group's label and count, in the table and in its downloads; a generalised label reads «любой». */
const GROUP_COLUMNS: readonly Column<DepersonalisedGroupFieldsFragment>[] = [
  {
    heading: 'Год рождения',
    value: (group) => (group.birthYear === null || group.birthYear === undefined ? ANY : group.birthYear),
  },
  { heading: 'Пол', value: (group) => (group.sex ? SEX[group.sex] : ANY) },
  {
    heading: 'Критерии',
    value: (group) => (group.criteria ? group.criteria.map((code) => CRITERION[code]).join('; ') || 'нет' : 'любые'),
  },
  // A count shown as a number is a number in the spreadsheet; «<5» stays as the screen says it.
  { heading: 'Детей', value: (group) => (/^\d+$/.test(group.shown) ? Number(group.shown) : group.shown) },
]

function GroupsTable<R>({
  title,
  state,
  pick,
}: {
  title: string
  state: OperationState<R>
  pick: (data: R) => readonly DepersonalisedGroupFieldsFragment[] | undefined
}) {
  const data = state.status === 'done' ? state.result.data : undefined
  const groups = data ? pick(data) : undefined
  return (
    <>
      <Outcome state={state} />
      {groups && (
        <>
          <Downloads title={`${title} обезличенно`} columns={GROUP_COLUMNS} source={{ rows: groups }} />
          <table className="cohort-table" aria-label="Дети в показателе обезличенно">
            <thead>
              <tr>
                {GROUP_COLUMNS.map((column) => (
                  <th key={column.heading}>{column.heading}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => {
                const cells = GROUP_COLUMNS.map((column) => cellText(column, group))
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
        </>
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
        <PreschoolNamed
          title={`Дети в показателе ${drill.label}`}
          indicators={indicators}
          placement={drill.of.placement}
          token={token}
          pages={pages}
        />
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
  const rowsOf = (connection: IndicatorChildrenQuery['indicatorChildren']) =>
    connection.edges.map((edge) => ({ child: edge.node, reason: reasonOf(drill, figure, edge.keys) }))
  const connection = state.status === 'done' ? state.result.data?.indicatorChildren : undefined
  const page = connection && { ...connection, rows: rowsOf(connection) }
  const exportPage = async (cursor: string | null) => {
    const answer = await runOperation(
      IndicatorChildrenDocument,
      { indicators, figure, key: figureKey, first: EXPORT_PAGE_SIZE, after: cursor },
      token,
    )
    const children = listOf(answer, (data) => data.indicatorChildren)
    return { ...children.pageInfo, totalCount: children.totalCount, rows: rowsOf(children) }
  }
  return (
    <NamedTable
      title={`Дети в показателе ${drill.label}`}
      state={state}
      page={page}
      pages={pages}
      exportPage={exportPage}
    />
  )
}

function PreschoolNamed({
  title,
  indicators,
  placement,
  token,
  pages,
}: {
  title: string
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
  const pick = (data: PreschoolPlacementChildrenQuery) => data.indicators?.educationPreschoolPlacementChildren
  const rowsOf = (connection: NonNullable<ReturnType<typeof pick>>) =>
    connection.edges.map((edge) => ({ child: edge.node, reason: PRESCHOOL_PLACEMENT[edge.placement] }))
  const connection = state.status === 'done' && state.result.data ? pick(state.result.data) : null
  const page = connection && { ...connection, rows: rowsOf(connection) }
  const exportPage = async (cursor: string | null) => {
    const answer = await runOperation(
      PreschoolPlacementChildrenDocument,
      { indicators, placement, first: EXPORT_PAGE_SIZE, after: cursor },
      token,
    )
    const children = listOf(answer, pick)
    return { ...children.pageInfo, totalCount: children.totalCount, rows: rowsOf(children) }
  }
  return <NamedTable title={title} state={state} page={page ?? undefined} pages={pages} exportPage={exportPage} />
}

/** The named list's columns, on the screen (where the name opens the card) and in its downloads. */
const NAMED_COLUMNS: readonly Column<NamedRow>[] = [
  { heading: 'ФИО', value: ({ child }) => child.fullName },
  { heading: 'Дата рождения', value: ({ child }) => child.birthDate, day: true },
  { heading: 'Муниципальное образование', value: ({ child }) => child.municipality.name },
  { heading: 'Учтён в показателе', value: ({ reason }) => reason },
  {
    heading: 'Критерии целевой группы',
    value: ({ child }) =>
      child.criteria
        .filter((criterion) => criterion.active)
        .map((criterion) => CRITERION[criterion.code])
        .join('; ') || 'нет',
  },
]

function NamedTable({
  title,
  state,
  page,
  pages,
  exportPage,
}: {
  title: string
  state: OperationState<unknown>
  page: NamedPage | undefined
  pages: Pages
  exportPage: (after: string | null) => Promise<ListPage<NamedRow>>
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
          <Downloads title={title} columns={NAMED_COLUMNS} source={{ total: page.totalCount, page: exportPage }} />
          <table className="cohort-table" aria-label="Дети в показателе поимённо">
            <thead>
              <tr>
                {NAMED_COLUMNS.map((column) => (
                  <th key={column.heading}>{column.heading}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.child.id}>
                  <td>
                    <Link to={cardPath(row.child.id)}>{row.child.fullName}</Link>
                  </td>
                  {NAMED_COLUMNS.slice(1).map((column) => (
                    <td key={column.heading}>{cellText(column, row)}</td>
                  ))}
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
