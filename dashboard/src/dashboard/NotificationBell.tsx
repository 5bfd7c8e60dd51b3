import { useEffect, useState } from 'react'
import { UnreadNotificationCountDocument } from '../../../schema/__generated__/operations'
import { runOperation } from '../shared/graphql'
import { Link } from './navigation'
import { NOTIFICATIONS_PATH } from './roles'

/** How often the header asks for the unread count while the page stays open. */
const POLL_MS = 60_000

const READ_EVENT = 'hub-notifications-read'

/** Tells the header's bell that notifications were marked read, so that its count follows at once. */
export function announceNotificationsRead() {
  dispatchEvent(new Event(READ_EVENT))
}

/**
 * The header's bell: the unread deadline notifications, asked for on every page change and every minute. An icon and
 * the count, its name for screen readers and as a tooltip, so the header's first row still fits 1366 px.
 */
export function NotificationBell({ token, path }: { token: string; path: string }) {
  const [count, setCount] = useState<number | null>(null)
  useEffect(() => {
    let current = true
    const refresh = () =>
      void runOperation(UnreadNotificationCountDocument, {}, token).then(
        (result) => current && setCount(result.data?.unreadNotificationCount ?? null),
        () => current && setCount(null),
      )
    refresh()
    const timer = setInterval(refresh, POLL_MS)
    addEventListener(READ_EVENT, refresh)
    return () => {
      current = false
      clearInterval(timer)
      removeEventListener(READ_EVENT, refresh)
    }
  }, [token, path])
  const label = count === null ? 'Уведомления' : `Уведомления: ${count} непрочитанных`
  return (
    <span className="bell" title={label}>
      <Link to={NOTIFICATIONS_PATH} current={path === NOTIFICATIONS_PATH}>
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 16a2 2 0 0 0 2-2H6a2 2 0 0 0 2 2Zm5-5V7a5 5 0 0 0-4-4.9V1a1 1 0 0 0-2 0v1.1A5 5 0 0 0 3 7v4l-2 2v1h14v-1l-2-2Z" />
        </svg>
        <span className="visually-hidden">Уведомления</span>
        {count !== null && count > 0 && (
          <span className="bell-count" data-testid="bell-count">
            <span className="visually-hidden">, непрочитанных: </span>
            {count}
          </span>
        )}
      </Link>
    </span>
  )
}
