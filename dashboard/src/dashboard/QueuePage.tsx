import { useState } from 'react'
import { Choice } from './Choice'
import { Downloads } from './Downloads'
import { formatDate } from './labels'
import { Link } from './navigation'
import { Refusals, Unavailable } from './notices'
import { byUrgency, QUEUE_COLUMNS, QUEUES, type QueueRow } from './queues'
import { readClaims } from '../shared/session'
import { mayOpenPath } from './forms/routes'
import type { QueueId } from './roles'
import { useQueue, type QueueState } from './useQueue'

const PAGE_SIZE = 20

const SORTS: Record<string, { label: string; compare: (a: QueueRow, b: QueueRow) => number }> = {
  urgency: { label: 'Срок: сначала ранние', compare: byUrgency },
  latest: { label: 'Срок: сначала поздние', compare: (a, b) => byUrgency(b, a) },
  child: { label: 'Ребёнок (ФИО)', compare: (a, b) => a.child.localeCompare(b.child, 'ru') },
  municipality: {
    label: 'Муниципальное образование',
    compare: (a, b) => a.municipality.localeCompare(b.municipality, 'ru') || byUrgency(a, b),
  },
}

type FilterKey = 'municipality' | 'provider' | 'status'

const FILTERS: readonly { key: FilterKey; label: string }[] = [
  { key: 'municipality', label: 'Муниципальное образование' },
  { key: 'provider', label: 'Поставщик' },
  { key: 'status', label: 'Состояние' },
]

function distinct(rows: readonly QueueRow[], value: (row: QueueRow) => string) {
  return [...new Set(rows.map(value))]
    .filter((text) => text !== '—')
    .sort((a, b) => a.localeCompare(b, 'ru'))
    .map((text) => ({ value: text, label: text }))
}

export function QueueNotice({ state }: { state: QueueState }) {
  if (state.status === 'loading') return <p className="muted">Загрузка…</p>
  if (state.status === 'failed') {
    return (
      <div className="notice notice-error" role="alert">
        <p>Шлюз недоступен: {state.message}</p>
      </div>
    )
  }
  return (
    <>
      <Unavailable errors={state.answer.errors} />
      <Refusals errors={state.answer.errors.filter((error) => error.extensions?.code === 'FORBIDDEN')} />
    </>
  )
}

/** One work queue: its count, filters, sorting, pages of rows leading to the child's card, and its exports. */
export function QueuePage({ id, token, provider }: { id: QueueId; token: string; provider: string | null }) {
  const queue = QUEUES[id]
  const claims = readClaims(token)
  const state = useQueue(id, token, provider)
  const [chosen, setChosen] = useState<Record<FilterKey, string>>({ municipality: '', provider: '', status: '' })
  const [sort, setSort] = useState('urgency')
  const [page, setPage] = useState(0)
  const rows = state.status === 'done' ? state.answer.rows : []
  const filtered = rows
    .filter((row) => FILTERS.every(({ key }) => !chosen[key] || row[key] === chosen[key]))
    .sort(SORTS[sort]!.compare)
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE))
  const shown = filtered.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)
  const choose = (set: (value: string) => void) => (value: string) => {
    set(value)
    setPage(0)
  }

  return (
    <section>
      <p>
        <Link to="/dashboard">← Мои задачи</Link>
      </p>
      <h1>{queue.title}</h1>
      <p className="muted">{queue.description}</p>
      <QueueNotice state={state} />
      <form className="filters" aria-label="Фильтры рабочего списка" onSubmit={(event) => event.preventDefault()}>
        {FILTERS.map(({ key, label }) => {
          const options = distinct(rows, (row) => row[key])
          // A queue about no provider (criteria, duplicates) has nothing to choose among.
          if (key === 'provider' && options.length === 0) return null
          return (
            <Choice
              key={key}
              label={label}
              value={chosen[key]}
              onChange={choose((value) => setChosen({ ...chosen, [key]: value }))}
              any="Все"
              options={options}
            />
          )
        })}
        <Choice
          label="Сортировка"
          value={sort}
          onChange={choose(setSort)}
          options={Object.entries(SORTS).map(([value, { label }]) => ({ value, label }))}
        />
      </form>
      <p>
        Всего: <strong data-testid="queue-count">{filtered.length}</strong>
        {filtered.length !== rows.length && <span className="muted"> из {rows.length}</span>}
      </p>
      <Downloads title={queue.title} columns={QUEUE_COLUMNS} source={{ rows: filtered }} />
      <table className="registry" aria-label={queue.title}>
        <thead>
          <tr>
            {QUEUE_COLUMNS.map((column) => (
              <th key={column.heading}>{column.heading}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.id}>
              <td>
                <Link to={`/dashboard/children/${row.childId}`}>{row.child}</Link>
              </td>
              <td>{row.municipality}</td>
              <td>{row.provider}</td>
              <td>{row.status}</td>
              <td>{formatDate(row.dueOn)}</td>
              <td>
                {row.details}
                {row.action && mayOpenPath(claims, row.action.path.split('?')[0]!) && (
                  <>
                    {' '}
                    <Link to={row.action.path}>{row.action.label}</Link>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {state.status === 'done' && filtered.length === 0 && <p className="muted">Здесь ничего не ждёт работы.</p>}
      {pages > 1 && (
        <nav className="pager" aria-label="Страницы">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Предыдущая
          </button>
          <span>
            Страница {page + 1} из {pages}
          </span>
          <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Следующая
          </button>
        </nav>
      )}
    </section>
  )
}
