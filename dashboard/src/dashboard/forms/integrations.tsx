import { useState } from 'react'
import { CreateWebhookSubscriptionDocument, IntegrationsDocument } from '../../../../schema/__generated__/operations'
import {
  administeredSide,
  capitalised,
  eventLabels,
  eventTypesText,
  INTEGRATIONS_PAGE,
  sideVariables,
  type EventSide,
} from '../IntegrationsPage'
import { Link } from '../navigation'
import { Pending } from '../Status'
import { useOperation } from '../useOperation'
import { checkboxes, chosenOf, multiline, SpecForm, text, useDraft } from './controls'
import { useMutation } from './kit'
import type { FormRoute } from './routes'

/**
 * «Добавить подписку»: the address of a ministry system, the events it takes (the side's kinds by their Russian
 * labels) and a description; once added, the subscription's secret is shown here once, to be kept in that system.
 */

const BACK = { to: INTEGRATIONS_PAGE, label: 'Интеграции' }

/** The new subscription's secret, shown once, with a button that copies it. */
function SecretBox({ secret, url, events }: { secret: string; url: string; events: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)
  const copy = () =>
    navigator.clipboard.writeText(secret).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    )
  return (
    <section className="form-page">
      <p>
        <Link to={BACK.to}>← {BACK.label}</Link>
      </p>
      <h1>Подписка добавлена</h1>
      <p>
        Адрес: <span className="address">{url}</span>
        <br />
        События: {events}
      </p>
      <div className="secret-box" role="region" aria-labelledby="secret-label">
        <p id="secret-label">
          <strong>Секрет для проверки подписи (заголовок X-Hub-Signature)</strong>
        </p>
        <p>
          <code data-testid="webhook-secret">{secret}</code>{' '}
          <button type="button" onClick={() => void copy()}>
            Скопировать
          </button>
        </p>
        <p className="secret-warning">Секрет показывается один раз: сохраните его в системе-получателе.</p>
        <p role="status">
          {copied === 'yes' && 'Секрет скопирован в буфер обмена.'}
          {copied === 'no' && 'Не удалось скопировать: выделите секрет и скопируйте его вручную.'}
        </p>
      </div>
      <p>
        <Link to={BACK.to}>Готово: к подпискам</Link>
      </p>
    </section>
  )
}

function NewSubscriptionForm({ side, token }: { side: EventSide; token: string }) {
  const types = useOperation(IntegrationsDocument, sideVariables(side), token)
  const mutation = useMutation(CreateWebhookSubscriptionDocument, token)
  const draft = useDraft({ url: '', eventTypes: '', description: '' })
  if (types.status !== 'done') return <Pending state={types} />
  const labels = eventLabels(types.result.data, side)
  const created =
    mutation.state.status === 'done'
      ? mutation.state.data[`create${capitalised(side)}WebhookSubscription` as const]
      : undefined
  if (created) {
    return (
      <SecretBox
        secret={created.secret}
        url={created.subscription.url}
        events={eventTypesText(created.subscription.eventTypes, labels)}
      />
    )
  }
  const options = [...labels].map(([value, label]) => ({ value, label }))
  return (
    <SpecForm
      title="Добавить подписку"
      back={BACK}
      submitLabel="Добавить подписку"
      mutation={mutation}
      draft={draft}
      specs={[
        text('url', 'Адрес системы-получателя', {
          hint: 'Полный адрес https://…, на который хаб будет отправлять события (POST, JSON)',
          maxLength: 2000,
        }),
        checkboxes('eventTypes', 'События', options, 'Ничего не выбрано — система получает все события ведомства'),
        multiline('description', 'Описание', { hint: 'Чья это система и зачем ей события', maxLength: 500 }),
      ]}
      onSubmit={() =>
        void mutation.submit({
          input: {
            url: draft.values.url ?? '',
            eventTypes: chosenOf(draft.values.eventTypes),
            description: draft.values.description ?? '',
          },
          ...sideVariables(side),
        })
      }
    />
  )
}

export const INTEGRATION_ROUTES: readonly FormRoute[] = [
  {
    pattern: new RegExp(`^${INTEGRATIONS_PAGE}/new$`),
    allowed: (claims) => administeredSide(claims) !== null,
    render: (_match, { token, claims }) => <NewSubscriptionForm side={administeredSide(claims)!} token={token} />,
  },
]
