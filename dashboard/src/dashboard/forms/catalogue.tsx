import type { ReactNode } from 'react'
import {
  AddServiceTypeDocument,
  ChangeServiceTypeDocument,
  RetireServiceTypeDocument,
  ServiceCatalogueDocument,
  type ServiceCatalogueQuery,
  type ServiceKind,
  type SpecialistRole,
} from '../../../../schema/__generated__/operations'
import { formatDate, SERVICE_KIND, SPECIALIST_ROLE } from '../labels'
import { navigate } from '../navigation'
import type { Claims } from '../roles'
import { Pending } from '../Status'
import { useOperation } from '../useOperation'
import {
  checkboxes,
  chosenOf,
  date,
  labelled,
  multiline,
  MutationForm,
  number,
  numberOf,
  optional,
  select,
  text,
  today,
  yesNo,
  type MutationFormProps,
  type Spec,
  type Values,
} from './controls'
import type { FormRoute } from './routes'

/**
 * The forms of the regional list of services («Перечень услуг»): adding a service, a new edition of one, retiring one.
 * Each takes effect from a day, today or later; the page shows the list on any day and each service's editions.
 */

export const SERVICES_PAGE = '/dashboard/services'

/** Who keeps the list, as social's gate and service decide: social's administrator and the region's coordinator. */
export function keepsCatalogue(claims: Claims | null) {
  return (
    (claims?.role === 'administrator' && claims.side === 'social') ||
    (claims?.role === 'coordinator' && claims.side === 'regional')
  )
}

/** A form about a service as the list shows it on a day: `/dashboard/services/<code>/<action>/<day>`. */
export const servicePath = (code: string, action: 'change' | 'retire', on: string) =>
  `${SERVICES_PAGE}/${encodeURIComponent(code)}/${action}/${on}`

type Service = ServiceCatalogueQuery['serviceTypes'][number]

/** A form of the list: back to the list, and there after success. */
function CatalogueForm<R, I>(props: MutationFormProps<R, I> & { subtitle?: string }) {
  return (
    <MutationForm
      {...props}
      back={{ to: SERVICES_PAGE, label: 'Перечень услуг' }}
      after={(result) => {
        if (result) navigate(SERVICES_PAGE)
      }}
    />
  )
}

/** The fields every edition states, in the order of the list's columns; named as the input's `edition` names them. */
const editionSpecs: Spec[] = [
  text('edition.name', 'Наименование услуги', { maxLength: 300 }),
  multiline('edition.description', 'Описание', { maxLength: 2000 }),
  number('edition.standardDurationMinutes', 'Стандартная продолжительность, минут', {
    min: 5,
    max: 480,
    hint: 'От 5 до 480 минут; пусто — не установлена',
  }),
  text('edition.standardFrequency', 'Стандартная периодичность', {
    maxLength: 100,
    hint: 'Например, «1–2 раза в неделю»',
  }),
  yesNo('edition.remoteAllowed', 'Допускается дистанционное оказание'),
  checkboxes('edition.requiredRoles', 'Обязательные специалисты', labelled(SPECIALIST_ROLE)),
]

const effectiveSpec = (label: string) =>
  date('edition.effectiveFrom', label, 'Сегодня или позже, не дальше года вперёд: прежние редакции сохраняются')

/** An edition's input from the form's values. */
function editionInput(values: Values) {
  const duration = optional(values['edition.standardDurationMinutes'])
  return {
    effectiveFrom: values['edition.effectiveFrom'] ?? '',
    name: values['edition.name'] ?? '',
    description: values['edition.description'] ?? '',
    standardDurationMinutes: duration === null ? null : numberOf(duration),
    standardFrequency: optional(values['edition.standardFrequency']),
    remoteAllowed: values['edition.remoteAllowed'] === 'yes',
    requiredRoles: chosenOf(values['edition.requiredRoles']) as SpecialistRole[],
  }
}

function AddServiceForm({ token }: { token: string }) {
  return (
    <CatalogueForm
      document={AddServiceTypeDocument}
      token={token}
      title="Добавить услугу в перечень"
      submitLabel="Добавить услугу"
      initial={{
        code: '',
        kind: 'PROGRAMME',
        'edition.effectiveFrom': today(),
        'edition.remoteAllowed': 'no',
        'edition.requiredRoles': '',
      }}
      specs={() => [
        text('code', 'Код услуги', { maxLength: 64, hint: 'Латинские буквы, цифры и знаки _ . -; код не меняется' }),
        select('kind', 'Вид услуги', SERVICE_KIND),
        effectiveSpec('Включить в перечень с'),
        ...editionSpecs,
      ]}
      input={(values) => ({ code: values.code ?? '', kind: values.kind as ServiceKind, edition: editionInput(values) })}
    />
  )
}

/** The service the list shows on a day, read with the page's own operation; its edition of that day starts the form. */
function ForService({
  code,
  on,
  token,
  children,
}: {
  code: string
  on: string
  token: string
  children: (service: Service, from: string) => ReactNode
}) {
  const state = useOperation(ServiceCatalogueDocument, { on }, token)
  if (state.status !== 'done') return <Pending state={state} />
  const service = state.result.data?.serviceTypes.find((one) => one.code === code)
  if (!service)
    return (
      <p className="notice notice-error">
        Услуги {code} нет в перечне на {formatDate(on)}.
      </p>
    )
  return <>{children(service, on > today() ? on : today())}</>
}

function ChangeServiceForm({ service, from, token }: { service: Service; from: string; token: string }) {
  return (
    <CatalogueForm
      document={ChangeServiceTypeDocument}
      token={token}
      title="Изменить услугу"
      subtitle={`${service.code} — ${service.name}; действующая редакция с ${formatDate(service.effectiveFrom)}`}
      submitLabel="Сохранить новую редакцию"
      initial={{
        'edition.effectiveFrom': from,
        'edition.name': service.name,
        'edition.description': service.description,
        'edition.standardDurationMinutes':
          service.standardDurationMinutes === null ? '' : String(service.standardDurationMinutes),
        'edition.standardFrequency': service.standardFrequency ?? '',
        'edition.remoteAllowed': service.remoteAllowed ? 'yes' : 'no',
        'edition.requiredRoles': service.requiredRoles.join(','),
      }}
      specs={() => [effectiveSpec('Новая редакция действует с'), ...editionSpecs]}
      input={(values) => ({ code: service.code, edition: editionInput(values) })}
    />
  )
}

function RetireServiceForm({ service, from, token }: { service: Service; from: string; token: string }) {
  return (
    <CatalogueForm
      document={RetireServiceTypeDocument}
      token={token}
      title="Исключить услугу из перечня"
      subtitle={`${service.code} — ${service.name}`}
      submitLabel="Исключить услугу"
      initial={{ effectiveFrom: from }}
      specs={() => [
        date(
          'effectiveFrom',
          'Исключить из перечня с',
          'С этой даты услугу нельзя включить в ИПРП и в услуги поставщика; прежние записи её сохраняют',
        ),
      ]}
      input={(values) => ({ code: service.code, effectiveFrom: values.effectiveFrom ?? '' })}
    />
  )
}

export const CATALOGUE_ROUTES: readonly FormRoute[] = [
  {
    pattern: new RegExp(`^${SERVICES_PAGE}/new$`),
    allowed: keepsCatalogue,
    render: (_match, { token }) => <AddServiceForm token={token} />,
  },
  {
    pattern: new RegExp(`^${SERVICES_PAGE}/([^/]+)/(change|retire)/(\\d{4}-\\d{2}-\\d{2})$`),
    allowed: keepsCatalogue,
    render: (match, { token }) => {
      const code = decodeURIComponent(match[1]!)
      const Form = match[2] === 'change' ? ChangeServiceForm : RetireServiceForm
      return (
        <ForService key={match[0]} code={code} on={match[3]!} token={token}>
          {(service, from) => <Form service={service} from={from} token={token} />}
        </ForService>
      )
    },
  },
]
