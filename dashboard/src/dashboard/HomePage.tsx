import { MyChildren } from './CaseloadsPage'
import { formatDate } from './labels'
import { Link } from './navigation'
import { byUrgency, QUEUES } from './queues'
import { QueueNotice } from './QueuePage'
import type { QueueId } from './roles'
import { useQueue } from './useQueue'

const MOST_URGENT = 3

function QueueSummary({ id, token, provider }: { id: QueueId; token: string; provider: string | null }) {
  const queue = QUEUES[id]
  const state = useQueue(id, token, provider)
  const rows = state.status === 'done' ? [...state.answer.rows].sort(byUrgency) : []
  return (
    <article className="panel" aria-labelledby={`queue-${id}`}>
      <h2 id={`queue-${id}`}>
        <Link to={`/dashboard/queues/${id}`}>{queue.title}</Link>:{' '}
        <span data-testid={`count-${id}`}>{state.status === 'done' ? rows.length : '…'}</span>
      </h2>
      <p className="muted">{queue.description}</p>
      <QueueNotice state={state} />
      {rows.length > 0 && (
        <ul>
          {rows.slice(0, MOST_URGENT).map((row) => (
            <li key={row.id}>
              <Link to={`/dashboard/children/${row.childId}`}>{row.child}</Link> — {row.status}, срок{' '}
              {formatDate(row.dueOn)}
            </li>
          ))}
        </ul>
      )}
    </article>
  )
}

/** «Мои задачи»: the children the user leads, and each queue the role may see with its count and most urgent items. */
export function HomePage({
  queues,
  token,
  provider,
  leads,
}: {
  queues: readonly QueueId[]
  token: string
  provider: string | null
  /** The user is staff who may lead programmes: «Мои дети» comes first. */
  leads: boolean
}) {
  return (
    <section>
      <h1>Мои задачи</h1>
      <div className="queues">
        {leads && <MyChildren token={token} />}
        {queues.map((id) => (
          <QueueSummary key={id} id={id} token={token} provider={provider} />
        ))}
      </div>
    </section>
  )
}
