import { useState } from 'react'
import {
  MarkNotificationsReadDocument,
  MyNotificationsDocument,
  NotificationSettingsDocument,
  UpdateNotificationSettingsDocument,
  type MyNotificationsQuery,
} from '../../../schema/__generated__/operations'
import { runOperation } from '../shared/graphql'
import { readClaims } from '../shared/session'
import { Downloads, EXPORT_PAGE_SIZE, listOf } from './Downloads'
import type { Column } from './export'
import { ErrorSummary, Field, useMutation } from './forms/kit'
import { formatDate, NOTIFICATION_KIND } from './labels'
import { navigate } from './navigation'
import { announceNotificationsRead } from './NotificationBell'
import { Outcome } from './Status'
import { useOperation } from './useOperation'

const PAGE_SIZE = 50

type Notification = MyNotificationsQuery['myNotifications']['items'][number]

/** The table's columns in the downloads, with whether the notification was read in a column of its own. */
const NOTIFICATION_COLUMNS: readonly Column<Notification>[] = [
  { heading: 'Уведомление', value: (item) => NOTIFICATION_KIND[item.kind] },
  { heading: 'Прочитано', value: (item) => (item.read ? 'да' : 'нет') },
  { heading: 'Что сделать', value: (item) => item.title },
  { heading: 'Ребёнок', value: (item) => item.child.fullName },
  { heading: 'Поставщик', value: (item) => item.provider?.name ?? null },
  { heading: 'Последний день', value: (item) => item.dueOn, day: true },
  // A moment, shown as the day it was in the viewer's zone, as on the screen.
  { heading: 'Создано', value: (item) => formatDate(item.createdAt) },
]

/** One notification: what is due, for whom and where; following it marks it read and opens the form or the card. */
function NotificationRow({ item, onFollow }: { item: Notification; onFollow: (item: Notification) => void }) {
  return (
    <tr className={item.read ? undefined : 'unread'} data-testid={`notification-${item.id}`}>
      <td>
        <strong>{NOTIFICATION_KIND[item.kind]}</strong>
        {!item.read && <span className="visually-hidden">, не прочитано</span>}
      </td>
      <td>
        <a
          href={item.link}
          onClick={(event) => {
            if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return
            event.preventDefault()
            onFollow(item)
          }}
        >
          {item.title}
        </a>
      </td>
      <td>{item.child.fullName}</td>
      <td>{item.provider?.name ?? '—'}</td>
      <td>{formatDate(item.dueOn)}</td>
      <td>{formatDate(item.createdAt)}</td>
    </tr>
  )
}

function NotificationList({ token }: { token: string }) {
  const [unreadOnly, setUnreadOnly] = useState(false)
  // The cursors of the pages opened so far: the last is the page shown.
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  const [revision, setRevision] = useState(0)
  const after = cursors.at(-1) ?? null
  const state = useOperation(MyNotificationsDocument, { unreadOnly, first: PAGE_SIZE, after }, token, revision)
  const mark = useMutation(MarkNotificationsReadDocument, token)
  const page = state.status === 'done' ? state.result.data?.myNotifications : undefined
  const unread = state.status === 'done' ? (state.result.data?.unreadNotificationCount ?? 0) : 0
  // A download runs the same operation with the same choice, from the first page to the last.
  const exportPage = async (cursor: string | null) => {
    const answer = await runOperation(
      MyNotificationsDocument,
      { unreadOnly, first: EXPORT_PAGE_SIZE, after: cursor },
      token,
    )
    const list = listOf(answer, (data) => data.myNotifications)
    return { ...list.pageInfo, totalCount: list.totalCount, rows: list.items }
  }

  const markRead = async (input: { ids?: string[]; all?: boolean }) => {
    const done = await mark.submit({ input })
    if (done) announceNotificationsRead()
    return done
  }
  const follow = async (item: Notification) => {
    if (!item.read) await markRead({ ids: [item.id] })
    navigate(item.link)
  }
  return (
    <article className="panel" aria-labelledby="notification-list">
      <h2 id="notification-list">
        Непрочитанных: <span data-testid="unread-count">{state.status === 'done' ? unread : '…'}</span>
      </h2>
      <div className="filters">
        <label className="inline">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(event) => {
              setUnreadOnly(event.target.checked)
              setCursors([null])
            }}
          />
          Только непрочитанные
        </label>
        <button
          type="button"
          disabled={mark.pending || unread === 0}
          onClick={() => void markRead({ all: true }).then((done) => done && setRevision((n) => n + 1))}
        >
          Отметить все прочитанными
        </button>
      </div>
      <ErrorSummary errors={mark.errors} fields={[]} />
      <Outcome state={state} />
      {page && page.items.length === 0 && <p>Уведомлений нет: сроки в порядке.</p>}
      {page && page.items.length > 0 && (
        <Downloads
          title="Уведомления о сроках"
          columns={NOTIFICATION_COLUMNS}
          source={{ total: page.totalCount, page: exportPage }}
        />
      )}
      {page && page.items.length > 0 && (
        <table className="notifications">
          <caption className="visually-hidden">Уведомления о сроках, сначала непрочитанные</caption>
          <thead>
            <tr>
              <th scope="col">Уведомление</th>
              <th scope="col">Что сделать</th>
              <th scope="col">Ребёнок</th>
              <th scope="col">Поставщик</th>
              <th scope="col">Последний день</th>
              <th scope="col">Создано</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <NotificationRow key={item.id} item={item} onFollow={(chosen) => void follow(chosen)} />
            ))}
          </tbody>
        </table>
      )}
      {page && (cursors.length > 1 || page.pageInfo.hasNextPage) && (
        <p className="pager">
          <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            ← Предыдущие
          </button>{' '}
          <button
            type="button"
            disabled={!page.pageInfo.hasNextPage}
            onClick={() => setCursors([...cursors, page.pageInfo.endCursor ?? null])}
          >
            Следующие →
          </button>
        </p>
      )}
    </article>
  )
}

const SETTINGS_FIELDS = ['input.email', 'input.digest']

/** The address of the daily digest (the identity provider's, until the user saves their own) and the opt-out. */
function NotificationSettings({ token }: { token: string }) {
  const state = useOperation(NotificationSettingsDocument, {}, token)
  const save = useMutation(UpdateNotificationSettingsDocument, token)
  const [edited, setEdited] = useState<{ email: string; digest: boolean } | null>(null)
  if (state.status !== 'done') return <Outcome state={state} />
  const saved = state.result.data?.notificationSettings
  const values = edited ?? {
    email: saved?.saved ? (saved.email ?? '') : (readClaims(token)?.email ?? ''),
    digest: saved?.saved ? saved.digest : false,
  }
  const onSubmit = async () => {
    const done = await save.submit({ input: { email: values.email, digest: values.digest } })
    if (done) setEdited(null)
  }
  return (
    <article className="panel" aria-labelledby="notification-settings">
      <h2 id="notification-settings">Настройки уведомлений</h2>
      <p className="muted">
        Сводка приходит раз в день и содержит только сроки, поставщиков и ссылки на формы: без имён детей, дат рождения
        и сведений о здоровье.
      </p>
      <form
        className="settings-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          if (!save.pending) void onSubmit()
        }}
      >
        <Field label="Электронная почта" field="input.email" errors={save.errors} hint="Например, имя@пример.рф">
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="email"
              value={values.email}
              onChange={(event) => setEdited({ ...values, email: event.target.value })}
            />
          )}
        </Field>
        <label className="inline">
          <input
            type="checkbox"
            checked={values.digest}
            onChange={(event) => setEdited({ ...values, digest: event.target.checked })}
          />
          Получать ежедневную сводку по электронной почте
        </label>
        <ErrorSummary errors={save.errors} fields={SETTINGS_FIELDS} />
        {save.state.status === 'done' && edited === null && (
          <p className="notice" role="status">
            Настройки сохранены.
          </p>
        )}
        <div className="form-buttons">
          <button type="submit" disabled={save.pending}>
            {save.pending ? 'Сохранение…' : 'Сохранить настройки'}
          </button>
        </div>
      </form>
    </article>
  )
}

/** «Уведомления»: deadlines that come close or have passed on the user's work, and the e-mail digest's settings. */
export function NotificationsPage({ token }: { token: string }) {
  return (
    <section>
      <h1>Уведомления</h1>
      <p className="muted">
        Сроки по направлениям, ИПРП и переходу в детский сад, которые подходят или истекли. Выберите срок, чтобы открыть
        форму, где выполняется работа.
      </p>
      <NotificationList token={token} />
      <NotificationSettings token={token} />
    </section>
  )
}
