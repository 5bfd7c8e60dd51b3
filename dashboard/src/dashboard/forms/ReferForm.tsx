import { useState } from 'react'
import {
  PathwayChildDocument,
  ProviderRegistryDocument,
  ReferChildDocument,
  ServiceCatalogueDocument,
  type AccessPurpose,
  type ConsentScope,
  type PathwayChildQuery,
  type ProviderRegistryQuery,
  type ServiceCatalogueQuery,
  type Side,
} from '../../../../schema/__generated__/operations'
import { enumLabels } from '../../shared/__generated__/enum-labels'
import type { Claims } from '../roles'
import { ACCESS_PURPOSE, formatDate, SIDE, termText } from '../labels'
import { navigate } from '../navigation'
import { useOperation } from '../useOperation'
import { ErrorSummary, Field, FormPage, idempotencyKey, useMutation } from './kit'
import { DateField, labelled, Loaded, SelectField, TextField } from './pathway-fields'
import { today } from './registry-parts'

type Child = NonNullable<PathwayChildQuery['child']>
type Provider = ProviderRegistryQuery['providers'][number]

const REFERRAL_PURPOSES: readonly AccessPurpose[] = ['NEED_DETERMINATION', 'EARLY_HELP']
const SCOPES = Object.keys(enumLabels.ConsentScope) as ConsentScope[]

/** The legal representatives whose term covers a day. */
export function representativesOn(child: Child, day: string) {
  return (child.family?.representationHistory ?? []).filter(
    (representative) => representative.validFrom <= day && (!representative.validTo || representative.validTo >= day),
  )
}

/** A representative's name, relation and term, as a choice. */
export function representativeLabel(
  term: Pick<
    NonNullable<Child['family']>['representationHistory'][number],
    'fullName' | 'relation' | 'validFrom' | 'validTo'
  >,
) {
  return `${term.fullName} (${enumLabels.RepresentativeRelation[term.relation].toLowerCase()}, ${termText(term.validFrom, term.validTo)})`
}

/**
 * The providers a child may be referred to: the approved ones that serve the child's municipality, then those that
 * deliver remotely a service the regional catalogue allows remotely.
 */
function providerChoices(
  local: readonly Provider[],
  remote: readonly Provider[],
  catalogue: ServiceCatalogueQuery['serviceTypes'],
  municipality: string,
) {
  const remoteAllowed = new Set(catalogue.filter((service) => service.remoteAllowed).map((service) => service.code))
  const localIds = new Set(local.map((provider) => provider.id))
  const distant = remote.filter(
    (provider) => !localIds.has(provider.id) && provider.services.some((service) => remoteAllowed.has(service.code)),
  )
  const describe = (provider: Provider) =>
    `${provider.name} — ${SIDE[provider.side]}${provider.services.length ? `: ${provider.services.map((service) => service.name).join(', ')}` : ''}`
  return {
    all: [...local, ...distant],
    options: [
      ...local.map((provider) => ({
        value: provider.id,
        label: describe(provider),
        group: `Обслуживают: ${municipality}`,
      })),
      ...distant.map((provider) => ({
        value: provider.id,
        label: describe(provider),
        group: 'Оказывают услуги дистанционно',
      })),
    ],
  }
}

function ReferFields({
  child,
  providers,
  token,
  claims,
}: {
  child: Child
  providers: ReturnType<typeof providerChoices>
  token: string
  claims: Claims | null
}) {
  const { submit, errors, pending } = useMutation(ReferChildDocument, token)
  const [key] = useState(idempotencyKey)
  const [providerId, setProviderId] = useState('')
  const [reason, setReason] = useState('')
  const [receivedOn, setReceivedOn] = useState(today)
  const [fromSide, setFromSide] = useState<Side | ''>('')
  const [fromOrganisation, setFromOrganisation] = useState('')
  const [withConsent, setWithConsent] = useState(true)
  const [representativeId, setRepresentativeId] = useState('')
  const [purpose, setPurpose] = useState<AccessPurpose>('NEED_DETERMINATION')
  const [scopes, setScopes] = useState<ConsentScope[]>(['FAMILY'])
  const [document, setDocument] = useState('')

  const provider = providers.all.find((candidate) => candidate.id === providerId)
  const nonState = provider?.side === 'NGO'
  const regional = claims?.side === 'regional'
  const noOrganisation = !claims?.org
  const representatives = representativesOn(child, today())

  const onSubmit = async () => {
    const done = await submit({
      input: {
        childId: child.id,
        providerId,
        reason,
        receivedOn,
        ...(regional ? { fromSide: fromSide || null } : {}),
        ...(noOrganisation ? { fromOrganisation } : {}),
        consent: nonState && withConsent ? { representativeId, purpose, scopes, document, givenAt: null } : null,
        idempotencyKey: key,
      },
    })
    if (done) navigate(`/dashboard/children/${child.id}`)
  }

  const fields = [
    'input.providerId',
    'input.reason',
    'input.receivedOn',
    'input.fromSide',
    'input.fromOrganisation',
    'input.consent',
  ]
  return (
    <FormPage
      title={`Направление к поставщику: ${child.fullName}`}
      back={{ to: `/dashboard/children/${child.id}`, label: 'к карточке ребёнка' }}
      onSubmit={() => void onSubmit()}
      pending={pending}
      submitLabel="Направить"
    >
      <p className="muted">
        {child.fullName}, {formatDate(child.birthDate)} г. р., {child.municipality.name}
      </p>
      <SelectField
        label="Поставщик услуг ранней помощи"
        field="input.providerId"
        errors={errors}
        hint="Поставщики из реестра, обслуживающие муниципальное образование ребёнка, и оказывающие услуги дистанционно"
        value={providerId}
        onChange={setProviderId}
        placeholder="Выберите поставщика"
        options={providers.options}
      />
      {nonState && (
        <div className="notice notice-forbidden" role="note">
          <p>
            Поставщик негосударственный: направление к нему принимается только при согласии законного представителя на
            передачу сведений о ребёнке этому поставщику (цель — определение нуждаемости или оказание ранней помощи).
            Внесите согласие вместе с направлением, если оно не внесено ранее.
          </p>
        </div>
      )}
      {nonState && (
        <fieldset>
          <legend>Согласие семьи</legend>
          <label>
            <input type="checkbox" checked={withConsent} onChange={(event) => setWithConsent(event.target.checked)} />{' '}
            Внести согласие, подписанное вместе с направлением
          </label>
          {withConsent && (
            <>
              <SelectField
                label="Законный представитель, подписавший согласие"
                field="input.consent.representativeId"
                errors={errors}
                hint="Представители, полномочия которых действуют сегодня"
                value={representativeId}
                onChange={setRepresentativeId}
                placeholder={
                  representatives.length ? 'Выберите представителя' : 'В семье нет действующих представителей'
                }
                options={representatives.map((term) => ({ value: term.id, label: representativeLabel(term) }))}
              />
              <SelectField
                label="Цель обработки"
                field="input.consent.purpose"
                errors={errors}
                value={purpose}
                onChange={(value) => setPurpose(value as AccessPurpose)}
                options={labelled(ACCESS_PURPOSE, REFERRAL_PURPOSES)}
              />
              <Field label="Какие сведения можно передавать" field="input.consent.scopes" errors={errors}>
                {(control) => (
                  <div id={control.id} aria-describedby={control['aria-describedby']} role="group">
                    {SCOPES.map((scope) => (
                      <label key={scope} className="inline">
                        <input
                          type="checkbox"
                          checked={scopes.includes(scope)}
                          onChange={(event) =>
                            setScopes(
                              event.target.checked ? [...scopes, scope] : scopes.filter((chosen) => chosen !== scope),
                            )
                          }
                        />{' '}
                        {enumLabels.ConsentScope[scope]}
                      </label>
                    ))}
                  </div>
                )}
              </Field>
              <TextField
                label="Реквизиты документа согласия"
                field="input.consent.document"
                errors={errors}
                hint="Например: согласие № 15 от 10.03.2026"
                value={document}
                onChange={setDocument}
              />
            </>
          )}
        </fieldset>
      )}
      <TextField
        label="Основание направления"
        field="input.reason"
        errors={errors}
        multiline
        value={reason}
        onChange={setReason}
      />
      <DateField
        label="Дата получения направления поставщиком"
        field="input.receivedOn"
        errors={errors}
        hint="С этого дня идут сроки определения нуждаемости и разработки ИПРП"
        value={receivedOn}
        max={today()}
        onChange={setReceivedOn}
      />
      {regional && (
        <SelectField
          label="Ведомство, от имени которого вносится направление"
          field="input.fromSide"
          errors={errors}
          value={fromSide}
          onChange={(value) => setFromSide(value as Side)}
          placeholder="Выберите ведомство"
          options={labelled(SIDE)}
        />
      )}
      {noOrganisation && (
        <TextField
          label="Направившая организация"
          field="input.fromOrganisation"
          errors={errors}
          hint="Наименование организации, выдавшей направление"
          value={fromOrganisation}
          onChange={setFromOrganisation}
        />
      )}
      <ErrorSummary errors={errors} fields={fields} />
    </FormPage>
  )
}

/** Referral to a provider (referChild), from the child's card. */
export function ReferForm({ childId, token, claims }: { childId: string; token: string; claims: Claims | null }) {
  const child = useOperation(PathwayChildDocument, { id: childId }, token)
  const oktmo = child.status === 'done' ? (child.result.data?.child?.municipality.oktmo ?? null) : null
  const local = useOperation(ProviderRegistryDocument, { filter: { municipality: oktmo } }, token)
  const remote = useOperation(ProviderRegistryDocument, { filter: { remoteDelivery: true } }, token)
  const catalogue = useOperation(ServiceCatalogueDocument, {}, token)
  return (
    <Loaded state={child}>
      {({ child: found }) =>
        found && (
          <Loaded state={local}>
            {(near) => (
              <Loaded state={remote}>
                {(far) => (
                  <Loaded state={catalogue}>
                    {({ serviceTypes }) => (
                      <ReferFields
                        child={found}
                        token={token}
                        claims={claims}
                        providers={providerChoices(
                          near.providers,
                          far.providers,
                          serviceTypes,
                          found.municipality.name,
                        )}
                      />
                    )}
                  </Loaded>
                )}
              </Loaded>
            )}
          </Loaded>
        )
      }
    </Loaded>
  )
}
