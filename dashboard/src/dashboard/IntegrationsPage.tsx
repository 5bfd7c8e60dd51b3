import { useCallback, useEffect, useRef, useState } from 'react'
import {
  DeleteWebhookSubscriptionDocument,
  IntegrationsDocument,
  RecentEventsDocument,
  ReplayWebhookDeliveriesDocument,
  SetWebhookSubscriptionActiveDocument,
  type DomainEventFieldsFragment,
  type IntegrationsQuery,
  type WebhookDeliveryFieldsFragment,
  type WebhookSubscriptionFieldsFragment,
} from '../../../schema/__generated__/operations'
import { ErrorNotice } from '../shared/ErrorNotice'
import { runOperation, type HubError } from '../shared/graphql'
import { useMutation } from './forms/kit'
import { formatDateTime, VIEWER_SIDE } from './labels'
import { Link } from './navigation'
import type { Claims } from './roles'
import { Pending } from './Status'
import { useOperation } from './useOperation'

/**
 * «Интеграции»: a side's administrator manages the webhooks through which ministry systems receive the side's domain
 * events, replays what could not be delivered, and sees the latest events. The side is the one the token names; the
 * subgraphs let only their own administrators in, so a regional administrator is told whose page it is.
 */

export const INTEGRATIONS_PAGE = '/dashboard/integrations'

/** The sides that publish events: each subgraph. */
export const EVENT_SIDES = ['social', 'health', 'education', 'ngo'] as const
export type EventSide = (typeof EVENT_SIDES)[number]

/** The side whose events the signed-in person administers: an administrator's own side, when it is a subgraph's. */
export function administeredSide(claims: Claims | null): EventSide | null {
  if (claims?.role !== 'administrator') return null
  return (EVENT_SIDES as readonly string[]).includes(claims.side ?? '') ? (claims.side as EventSide) : null
}

/** The variables choosing the side in the screen's operations (`@include(if: $social)`, …). */
export function sideVariables(side: EventSide) {
  return { social: side === 'social', health: side === 'health', education: side === 'education', ngo: side === 'ngo' }
}

/** The side as the mutations' names spell it (`createSocialWebhookSubscription`). */
export function capitalised(side: EventSide) {
  return (side[0]!.toUpperCase() + side.slice(1)) as Capitalize<EventSide>
}

/** Which events a subscription takes, by their Russian labels; none listed means every event. */
export function eventTypesText(types: readonly string[], labels: ReadonlyMap<string, string>) {
  return types.length === 0 ? 'все события' : types.map((type) => labels.get(type) ?? type).join('; ')
}

/** What happened at the last attempt of a delivery, in Russian; the technical text stays in the tooltip. */
function lastAttempt(delivery: WebhookDeliveryFieldsFragment) {
  if (delivery.lastStatus !== null && delivery.lastStatus !== undefined) {
    return `система-получатель ответила кодом HTTP ${delivery.lastStatus}`
  }
  const error = delivery.lastError ?? ''
  if (error === 'ECONNREFUSED') return 'соединение отклонено: система-получатель не принимает запросы'
  if (error.startsWith('no answer within')) return 'система-получатель не ответила вовремя'
  if (error === 'ENOTFOUND' || error === 'EAI_AGAIN') return 'адрес системы-получателя не найден'
  return error ? 'ошибка соединения с системой-получателем' : '—'
}

function EventRecords({ event }: { event: DomainEventFieldsFragment }) {
  return (
    <ul className="plain event-subject">
      {event.subject.map((record) => (
        <li key={record.name}>
          {record.name}: <code>{record.id}</code>
        </li>
      ))}
    </ul>
  )
}

/** «Последние события»: the newest page first, «Показать ещё» reads the page before it by its cursor. */
function useRecentEvents(side: EventSide, token: string, revision: number) {
  const [state, setState] = useState<{
    events: DomainEventFieldsFragment[]
    endCursor: string | null
    hasNextPage: boolean
    loading: boolean
    errors: readonly HubError[]
  }>({ events: [], endCursor: null, hasNextPage: false, loading: true, errors: [] })
  const load = useCallback(
    async (before: string | null, previous: DomainEventFieldsFragment[]) => {
      setState((old) => ({ ...old, loading: true }))
      let errors: readonly HubError[]
      try {
        const result = await runOperation(RecentEventsDocument, { before, ...sideVariables(side) }, token)
        const page = result.data?.[`${side}RecentEvents` as const]
        if (page) {
          setState({ ...page, events: [...previous, ...page.events], loading: false, errors: result.errors ?? [] })
          return
        }
        errors = result.errors ?? []
      } catch (error) {
        errors = [{ message: `Шлюз недоступен: ${(error as Error).message}` }]
      }
      setState((old) => ({ ...old, loading: false, errors }))
    },
    [side, token],
  )
  useEffect(() => {
    void load(null, [])
  }, [load, revision])
  return { ...state, more: () => void load(state.endCursor, state.events) }
}

function RecentEvents({ side, token, revision }: { side: EventSide; token: string; revision: number }) {
  const feed = useRecentEvents(side, token, revision)
  return (
    <section aria-labelledby="recent-events">
      <h2 id="recent-events">Последние события</h2>
      <ErrorNotice errors={feed.errors} />
      {feed.events.length === 0 ? (
        <p className="muted">{feed.loading ? 'Загрузка…' : 'Событий ещё не было.'}</p>
      ) : (
        <table data-testid="recent-events">
          <thead>
            <tr>
              <th>Время</th>
              <th>Событие</th>
              <th>Записи (идентификаторы)</th>
              <th>Позиция в ленте</th>
            </tr>
          </thead>
          <tbody>
            {feed.events.map((event) => (
              <tr key={event.id}>
                <td>{formatDateTime(event.occurredAt)}</td>
                <td>
                  {event.typeLabel}
                  <br />
                  <small className="muted">{event.type}</small>
                </td>
                <td>
                  <EventRecords event={event} />
                </td>
                <td>{event.seq}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {feed.hasNextPage && (
        <button type="button" onClick={feed.more} disabled={feed.loading}>
          {feed.loading ? 'Загрузка…' : 'Показать ещё'}
        </button>
      )}
    </section>
  )
}

/** The mutations of the page: each refreshes the page when it succeeded, and its refusals are said above the tables. */
function usePageActions(side: EventSide, token: string, refresh: () => void) {
  const setActive = useMutation(SetWebhookSubscriptionActiveDocument, token)
  const remove = useMutation(DeleteWebhookSubscriptionDocument, token)
  const replay = useMutation(ReplayWebhookDeliveriesDocument, token)
  const after = (done: unknown) => {
    if (done) refresh()
  }
  const variables = sideVariables(side)
  return {
    errors: [...setActive.errors, ...remove.errors, ...replay.errors],
    pending: setActive.pending || remove.pending || replay.pending,
    setActive: (id: string, active: boolean) => void setActive.submit({ id, active, ...variables }).then(after),
    remove: (id: string) => void remove.submit({ id, ...variables }).then(after),
    replay: (target: { ids: string[] } | { subscriptionId: string }) =>
      void replay.submit({ ...target, ...variables }).then(after),
  }
}

type Actions = ReturnType<typeof usePageActions>

function SubscriptionActions({
  subscription,
  actions,
}: {
  subscription: WebhookSubscriptionFieldsFragment
  actions: Actions
}) {
  const [confirming, setConfirming] = useState(false)
  const confirm = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (confirming) confirm.current?.focus()
  }, [confirming])
  if (confirming) {
    return (
      <div className="confirm-delete" role="group" aria-label="Подтверждение удаления">
        <p>Удалить подписку? Недоставленные ей события будут удалены, система-получатель их не получит.</p>
        <button ref={confirm} type="button" disabled={actions.pending} onClick={() => actions.remove(subscription.id)}>
          Да, удалить
        </button>{' '}
        <button type="button" onClick={() => setConfirming(false)}>
          Отмена
        </button>
      </div>
    )
  }
  return (
    <div className="row-actions">
      <button
        type="button"
        disabled={actions.pending}
        onClick={() => actions.setActive(subscription.id, !subscription.active)}
      >
        {subscription.active ? 'Приостановить' : 'Включить'}
      </button>
      <button type="button" onClick={() => setConfirming(true)}>
        Удалить
      </button>
    </div>
  )
}

function Subscriptions({
  subscriptions,
  labels,
  actions,
}: {
  subscriptions: readonly WebhookSubscriptionFieldsFragment[]
  labels: ReadonlyMap<string, string>
  actions: Actions
}) {
  if (subscriptions.length === 0) {
    return <p className="muted">Подписок нет: ни одна система ещё не получает события.</p>
  }
  return (
    <table data-testid="subscriptions">
      <thead>
        <tr>
          <th>Адрес</th>
          <th>События</th>
          <th>Описание</th>
          <th>Создана</th>
          <th>Состояние</th>
          <th>Действия</th>
        </tr>
      </thead>
      <tbody>
        {subscriptions.map((subscription) => (
          <tr key={subscription.id} data-testid={`subscription-${subscription.id}`}>
            <th scope="row" className="address">
              {subscription.url}
            </th>
            <td>{eventTypesText(subscription.eventTypes, labels)}</td>
            <td>{subscription.description || '—'}</td>
            <td>{formatDateTime(subscription.createdAt)}</td>
            <td>
              {subscription.active ? 'активна' : 'приостановлена'}
              <br />
              <small className="muted">
                ждут доставки: {subscription.pendingCount}, недоставлено: {subscription.deadCount}
              </small>
            </td>
            <td>
              <SubscriptionActions subscription={subscription} actions={actions} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function DeadLetters({
  subscriptions,
  deadLetters,
  actions,
}: {
  subscriptions: readonly WebhookSubscriptionFieldsFragment[]
  deadLetters: readonly WebhookDeliveryFieldsFragment[]
  actions: Actions
}) {
  const failing = subscriptions.filter((subscription) =>
    deadLetters.some((delivery) => delivery.subscriptionId === subscription.id),
  )
  if (failing.length === 0) return <p className="muted">Все события доставлены или ждут очередной попытки.</p>
  return (
    <>
      {failing.map((subscription) => {
        const own = deadLetters.filter((delivery) => delivery.subscriptionId === subscription.id)
        return (
          <article key={subscription.id} aria-label={`Недоставленные: ${subscription.url}`}>
            <h3 className="address">{subscription.url}</h3>
            <p>
              <button
                type="button"
                disabled={actions.pending}
                onClick={() => actions.replay({ subscriptionId: subscription.id })}
              >
                Повторить доставку всех ({subscription.deadCount})
              </button>
            </p>
            <table data-testid="dead-letters">
              <thead>
                <tr>
                  <th>Событие</th>
                  <th>Время события</th>
                  <th>Попыток</th>
                  <th>Последняя попытка</th>
                  <th>Действие</th>
                </tr>
              </thead>
              <tbody>
                {own.map((delivery) => (
                  <tr key={delivery.id}>
                    <td>
                      {delivery.event.typeLabel}
                      <br />
                      <small className="muted">{delivery.event.type}</small>
                    </td>
                    <td>{formatDateTime(delivery.event.occurredAt)}</td>
                    <td>{delivery.attempts}</td>
                    <td title={delivery.lastError ?? undefined}>{lastAttempt(delivery)}</td>
                    <td>
                      <button
                        type="button"
                        disabled={actions.pending}
                        onClick={() => actions.replay({ ids: [delivery.id] })}
                      >
                        Повторить доставку
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        )
      })}
    </>
  )
}

/** The side's event kinds by code, with their Russian labels. */
export function eventLabels(data: IntegrationsQuery | null | undefined, side: EventSide) {
  return new Map((data?.[`${side}EventTypes` as const] ?? []).map((type) => [type.code, type.label]))
}

function SideIntegrations({ side, token }: { side: EventSide; token: string }) {
  const [revision, setRevision] = useState(0)
  const refresh = () => setRevision((value) => value + 1)
  const state = useOperation(IntegrationsDocument, sideVariables(side), token, revision)
  const actions = usePageActions(side, token, refresh)
  const data = state.status === 'done' ? state.result.data : undefined
  const subscriptions = data?.[`${side}WebhookSubscriptions` as const] ?? []
  const deadLetters = data?.[`${side}WebhookDeadLetters` as const] ?? []
  return (
    <>
      <p>
        Ведомство — {VIEWER_SIDE[side]}. Информационные системы ведомств получают события хаба (только идентификаторы
        записей, без персональных данных) по подписке: хаб отправляет каждое событие на адрес системы, подписав его
        секретом подписки.
      </p>
      <p className="actions-line">
        <Link to={`${INTEGRATIONS_PAGE}/new`}>Добавить подписку</Link>
        <button type="button" onClick={refresh}>
          Обновить
        </button>
      </p>
      {state.status === 'done' ? <ErrorNotice errors={state.result.errors ?? []} /> : <Pending state={state} />}
      <ErrorNotice errors={actions.errors} />
      <section aria-labelledby="subscriptions">
        <h2 id="subscriptions">Подписки</h2>
        {data && <Subscriptions subscriptions={subscriptions} labels={eventLabels(data, side)} actions={actions} />}
      </section>
      <section aria-labelledby="dead-letters">
        <h2 id="dead-letters">Недоставленные события</h2>
        {data && <DeadLetters subscriptions={subscriptions} deadLetters={deadLetters} actions={actions} />}
      </section>
      <RecentEvents side={side} token={token} revision={revision} />
    </>
  )
}

export function IntegrationsPage({ token, claims }: { token: string; claims: Claims | null }) {
  const side = administeredSide(claims)
  return (
    <section>
      <h1>Интеграции</h1>
      {side ? (
        <SideIntegrations side={side} token={token} />
      ) : (
        <p className="notice">
          Подписками на события управляет администратор ведомства, публикующего события: соцзащиты, здравоохранения,
          образования или НКО — каждый своего ведомства. Региональному администратору этот раздел недоступен: обратитесь
          к администратору нужного ведомства.
        </p>
      )}
    </section>
  )
}
