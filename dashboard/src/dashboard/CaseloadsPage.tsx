import {
  StaffCaseloadsDocument,
  MyCaseloadDocument,
  type StaffCaseloadsQuery,
} from '../../../schema/__generated__/operations'
import { Downloads } from './Downloads'
import type { Column } from './export'
import { formatDate, PROGRAMME_STATUS } from './labels'
import { Link } from './navigation'
import { Outcome } from './Status'
import { useOperation } from './useOperation'

type Caseload = StaffCaseloadsQuery['caseloads'][number]

/** The table's columns in the downloads, with the parts of the open and overdue items in columns of their own. */
const CASELOAD_COLUMNS: readonly Column<Caseload>[] = [
  { heading: 'Куратор', value: (row) => row.lead.name },
  { heading: 'Поставщик', value: (row) => row.provider.name },
  { heading: 'Детей с ИПРП', value: (row) => row.children },
  { heading: 'Открытые задачи', value: (row) => row.openItems },
  { heading: 'Из них ИПРП на подписании', value: (row) => row.draftsAwaitingSignature },
  { heading: 'Из них открытых направлений', value: (row) => row.openReferrals },
  { heading: 'Просрочено', value: (row) => row.overdueItems },
  { heading: 'Из них промежуточных оценок', value: (row) => row.overdueReviews },
  { heading: 'Из них сроков направлений', value: (row) => row.overdueReferrals },
]

/** «Нагрузка специалистов»: each lead specialist (куратор) with their children, open and overdue items. */
export function CaseloadsPage({ token }: { token: string }) {
  const state = useOperation(StaffCaseloadsDocument, {}, token)
  const caseloads = state.status === 'done' ? (state.result.data?.caseloads ?? []) : []
  const rows = [...caseloads].sort(
    (a, b) => a.provider.name.localeCompare(b.provider.name, 'ru') || a.lead.name.localeCompare(b.lead.name, 'ru'),
  )
  return (
    <section>
      <h1>Нагрузка специалистов</h1>
      <p className="muted">
        Кураторы ИПРП: дети с действующей программой, открытые задачи (проекты ИПРП на подписании и открытые
        направления) и просроченные (промежуточные оценки и сроки направлений).
      </p>
      <Outcome state={state} />
      {state.status === 'done' && rows.length === 0 && <p>Кураторы ещё не назначены.</p>}
      {rows.length > 0 && <Downloads title="Нагрузка специалистов" columns={CASELOAD_COLUMNS} source={{ rows }} />}
      {rows.length > 0 && (
        <table className="caseloads">
          <thead>
            <tr>
              <th scope="col">Куратор</th>
              <th scope="col">Поставщик</th>
              <th scope="col">Детей с ИПРП</th>
              <th scope="col">Открытые задачи</th>
              <th scope="col">Просрочено</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.lead.subject}-${row.provider.id}`} data-testid={`caseload-${row.lead.subject}`}>
                <th scope="row">{row.lead.name}</th>
                <td>{row.provider.name}</td>
                <td data-testid="children">{row.children}</td>
                <td data-testid="open">
                  {row.openItems}
                  {row.openItems > 0 && (
                    <small className="muted">
                      {' '}
                      (на подписании: {row.draftsAwaitingSignature}, направлений: {row.openReferrals})
                    </small>
                  )}
                </td>
                <td data-testid="overdue">
                  {row.overdueItems}
                  {row.overdueItems > 0 && (
                    <small className="muted">
                      {' '}
                      (оценок: {row.overdueReviews}, направлений: {row.overdueReferrals})
                    </small>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** «Мои дети»: the children whose programmes the signed-in member of staff leads as куратор. */
export function MyChildren({ token }: { token: string }) {
  const state = useOperation(MyCaseloadDocument, {}, token)
  const programmes = state.status === 'done' ? (state.result.data?.myCaseload ?? []) : []
  return (
    <article className="panel" aria-labelledby="my-children">
      <h2 id="my-children">
        Мои дети: <span data-testid="count-my-children">{state.status === 'done' ? programmes.length : '…'}</span>
      </h2>
      <p className="muted">Дети, куратором ИПРП которых вы назначены.</p>
      <Outcome state={state} />
      {programmes.length > 0 && (
        <ul>
          {programmes.map((programme) => (
            <li key={programme.id}>
              <Link to={`/dashboard/children/${programme.child.id}`}>{programme.child.fullName}</Link> —{' '}
              {PROGRAMME_STATUS[programme.status]}, {programme.provider.name}
              {programme.reviewClock ? `, оценка до ${formatDate(programme.reviewClock.dueOn)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </article>
  )
}
