import { useState } from 'react'
import {
  ProviderRegistryDocument,
  RecordConsentDocument,
  RevokeConsentDocument,
  type AccessPurpose,
  type ConsentRecipientSide,
  type ConsentScope,
} from '../../../../schema/__generated__/operations'
import { enumLabels } from '../../shared/__generated__/enum-labels'
import { optionsOf } from '../Choice'
import { ACCESS_PURPOSE, CONSENT_RECIPIENT, formatDate } from '../labels'
import { representativeLabel } from './ReferForm'
import { navigate } from '../navigation'
import { useOperation } from '../useOperation'
import { ErrorSummary, Field, FormPage, idempotencyKey, useMutation } from './kit'
import {
  backTo,
  cardPath,
  Confirmation,
  optional,
  SelectField,
  TextField,
  today,
  WithChild,
  type ChildRecord,
} from './registry-parts'

/** The consent forms: a legal representative's written consent recorded, and revoked. */

const SCOPE = enumLabels.ConsentScope

type Consent = NonNullable<ChildRecord['consents']>[number]

/** Who a consent lets read: a side, or a provider by name. */
export const recipientOf = (consent: Consent) =>
  consent.recipientProvider?.name ?? (consent.recipientSide ? CONSENT_RECIPIENT[consent.recipientSide] : '—')

/** The providers of the registry as choices by name, narrowed by what the user types. */
function ProviderChoice({
  token,
  value,
  onChange,
  errors,
}: {
  token: string
  value: string
  onChange: (id: string) => void
  errors: Parameters<typeof SelectField>[0]['errors']
}) {
  const [search, setSearch] = useState('')
  const state = useOperation(ProviderRegistryDocument, {}, token)
  const providers = state.status === 'done' ? (state.result.data?.providers ?? []) : []
  const wanted = search.trim().toLowerCase()
  const options = providers
    .filter((provider) => provider.id === value || provider.name.toLowerCase().includes(wanted))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
    .map((provider) => ({ value: provider.id, label: `${provider.name} (${provider.municipality.name})` }))
  return (
    <>
      <TextField
        label="Поиск поставщика по названию"
        required={false}
        field="input.recipientProviderId.search"
        errors={[]}
        value={search}
        onChange={setSearch}
      />
      <SelectField
        label="Поставщик-получатель"
        field="input.recipientProviderId"
        errors={errors}
        value={value}
        onChange={onChange}
        none="— выберите поставщика —"
        options={options}
      />
    </>
  )
}

const RECORD_FIELDS = [
  'input.representativeId',
  'input.purpose',
  'input.recipientSide',
  'input.recipientProviderId',
  'input.scopes',
  'input.document',
]

/** «Согласие: внести»: a written consent for one recipient and one purpose, signed by a representative in force. */
function RecordConsent({ token, child }: { token: string; child: ChildRecord }) {
  const { submit, errors, pending } = useMutation(RecordConsentDocument, token)
  const [representativeId, setRepresentativeId] = useState('')
  const [purpose, setPurpose] = useState('EARLY_HELP')
  const [recipientKind, setRecipientKind] = useState<'side' | 'provider'>('side')
  const [recipientSide, setRecipientSide] = useState('')
  const [providerId, setProviderId] = useState('')
  const [scopes, setScopes] = useState<string[]>([])
  const [document, setDocument] = useState('')
  const representatives = child.family?.legalRepresentatives ?? []
  const send = async () => {
    const input = {
      childId: child.id,
      representativeId,
      purpose: purpose as AccessPurpose,
      recipientSide: recipientKind === 'side' ? (optional(recipientSide) as ConsentRecipientSide | null) : null,
      recipientProviderId: recipientKind === 'provider' ? optional(providerId) : null,
      scopes: scopes as ConsentScope[],
      document,
      idempotencyKey: idempotencyKey(),
    }
    if (await submit({ input })) navigate(cardPath(child.id))
  }
  const toggle = (scope: string, on: boolean) =>
    setScopes(on ? [...scopes, scope] : scopes.filter((chosen) => chosen !== scope))
  return (
    <FormPage
      title="Внести согласие на передачу сведений"
      back={backTo(child)}
      onSubmit={() => void send()}
      pending={pending}
      submitLabel="Внести согласие"
    >
      <p className="muted">Ребёнок: {child.fullName}</p>
      <SelectField
        label="Подписал законный представитель"
        field="input.representativeId"
        errors={errors}
        value={representativeId}
        onChange={setRepresentativeId}
        none={representatives.length ? '— выберите —' : 'Нет законных представителей с полномочиями на сегодня'}
        options={representatives.map((person) => ({
          value: person.id,
          label: representativeLabel(person),
        }))}
      />
      <SelectField
        label="Цель обработки"
        field="input.purpose"
        errors={errors}
        value={purpose}
        onChange={setPurpose}
        options={optionsOf(ACCESS_PURPOSE)}
      />
      <fieldset>
        <legend>Получатель</legend>
        <label className="check">
          <input
            type="radio"
            name="recipient"
            checked={recipientKind === 'side'}
            onChange={() => setRecipientKind('side')}
          />
          Ведомство
        </label>
        <label className="check">
          <input
            type="radio"
            name="recipient"
            checked={recipientKind === 'provider'}
            onChange={() => setRecipientKind('provider')}
          />
          Поставщик из реестра
        </label>
        {recipientKind === 'side' ? (
          <SelectField
            label="Ведомство-получатель"
            field="input.recipientSide"
            errors={errors}
            value={recipientSide}
            onChange={setRecipientSide}
            none="— выберите ведомство —"
            options={optionsOf(CONSENT_RECIPIENT)}
          />
        ) : (
          <ProviderChoice token={token} value={providerId} onChange={setProviderId} errors={errors} />
        )}
      </fieldset>
      <Field label="Какие сведения можно передавать" field="input.scopes" errors={errors}>
        {(control) => (
          <div
            id={control.id}
            role="group"
            aria-label="Какие сведения можно передавать"
            aria-describedby={control['aria-describedby']}
            className="checks"
          >
            {Object.entries(SCOPE).map(([scope, label]) => (
              <label key={scope} className="check">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(event) => toggle(scope, event.target.checked)}
                />
                {label}
              </label>
            ))}
          </div>
        )}
      </Field>
      <TextField
        label="Реквизиты документа согласия"
        field="input.document"
        errors={errors}
        value={document}
        onChange={setDocument}
        hint="Например: «Согласие № 12 от 03.02.2026»"
      />
      <ErrorSummary errors={errors} fields={RECORD_FIELDS} />
    </FormPage>
  )
}

/** «Согласие: отозвать»: from now on, the recipient reads nothing the consent opened. */
function RevokeConsent({ token, child }: { token: string; child: ChildRecord }) {
  const { submit, errors, pending } = useMutation(RevokeConsentDocument, token)
  const inForce = (child.consents ?? []).filter((consent) => consent.inForce)
  const [consentId, setConsentId] = useState(inForce.length === 1 ? inForce[0]!.id : '')
  const [note, setNote] = useState('')
  const [asking, setAsking] = useState(false)
  const chosen = inForce.find((consent) => consent.id === consentId)
  const send = async () => {
    if (await submit({ input: { consentId, note: optional(note) } })) navigate(cardPath(child.id))
    else setAsking(false)
  }
  return (
    <FormPage
      title="Отозвать согласие"
      back={backTo(child)}
      onSubmit={() => setAsking(true)}
      pending={pending}
      submitLabel="Отозвать согласие"
    >
      <p className="muted">Ребёнок: {child.fullName}</p>
      <SelectField
        label="Согласие"
        field="input.consentId"
        errors={errors}
        value={consentId}
        onChange={setConsentId}
        none={inForce.length ? '— выберите —' : 'Действующих согласий нет'}
        options={inForce.map((consent) => ({
          value: consent.id,
          label: `${recipientOf(consent)}: ${ACCESS_PURPOSE[consent.purpose].toLowerCase()}; ${consent.scopes.map((scope) => SCOPE[scope]).join(', ')}; подписал ${consent.representative.fullName} ${formatDate(consent.givenAt)}`,
        }))}
      />
      <TextField
        label="Основание отзыва"
        required={false}
        field="input.note"
        errors={errors}
        value={note}
        onChange={setNote}
        hint="Например: «Заявление об отзыве от 05.03.2026»"
      />
      {asking && (
        <Confirmation
          confirmLabel="Да, отозвать"
          onConfirm={() => void send()}
          onCancel={() => setAsking(false)}
          pending={pending}
        >
          <p>
            {chosen
              ? `Получатель «${recipientOf(chosen)}» с этого момента теряет доступ к сведениям о ребёнке, которые открывало согласие (${chosen.scopes.map((scope) => SCOPE[scope].toLowerCase()).join(', ')}).`
              : 'Выберите согласие, которое отзывается.'}{' '}
            Отзыв нельзя отменить: чтобы снова открыть доступ, понадобится новое согласие.
          </p>
        </Confirmation>
      )}
      <ErrorSummary errors={errors} fields={['input.consentId', 'input.note']} />
    </FormPage>
  )
}

/** The consent forms reached from a child's card and the consents queue. */
export function ChildConsentForm({ token, childId, form }: { token: string; childId: string; form: 'new' | 'revoke' }) {
  return (
    <WithChild id={childId} token={token} inForceOn={today()}>
      {(child) =>
        form === 'new' ? <RecordConsent token={token} child={child} /> : <RevokeConsent token={token} child={child} />
      }
    </WithChild>
  )
}
