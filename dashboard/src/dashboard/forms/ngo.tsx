import { useId, useState, type ReactNode } from 'react'
import {
  CreateParentGroupDocument,
  EndVolunteerDocument,
  JoinParentGroupDocument,
  LeaveParentGroupDocument,
  NgoWorkDocument,
  RecordNgoSessionDocument,
  RecordParentGroupMeetingDocument,
  RecordVolunteerHoursDocument,
  RegisterVolunteerDocument,
  type DeliveryMode,
  type NgoSessionCancellationReason,
  type NgoWorkQuery,
  type ParentGroupFormat,
  type SpecialistRole,
  type VolunteerActivity,
} from '../../../../schema/__generated__/operations'
import type { HubError } from '../../shared/graphql'
import { useMunicipalityOptions } from '../Choice'
import type { Claims } from '../roles'
import {
  DELIVERY_MODE,
  formatDate,
  NGO_CANCELLATION_REASON,
  PARENT_GROUP_FORMAT,
  SPECIALIST_ROLE,
  VOLUNTEER_ACTIVITY,
} from '../labels'
import { Link, navigate } from '../navigation'
import { Pending } from '../Status'
import { useOperation } from '../useOperation'
import {
  childForms,
  ChildForm,
  DateField,
  labelled,
  ngoProviderStaff,
  NumberField,
  numberOf,
  plannedServices,
  SelectField,
  SESSION_FIELDS,
  SessionFields,
  sessionInput,
  TextField,
  toCard,
  today,
  useSessionDraft,
  type CardChild,
} from './controls'
import { ErrorSummary, errorsFor, errorText, FormPage, idempotencyKey, useMutation } from './kit'
import type { FormRoute } from './routes'

/**
 * The ngo side's forms: a non-state provider's sessions and a family's parent groups from the child's card; groups,
 * their meetings and volunteers on the page «Работа НКО». A provider's staff act for their own organisation (the
 * token's `org`); ngo's own staff, who carry none, choose the provider.
 */

export const NGO_PAGE = '/dashboard/ngo'

type Provider = NgoWorkQuery['providers'][number]

/** The providers the signed-in user acts for: their own organisation, or every non-state one for ngo's own staff. */
function providersOf(data: NgoWorkQuery | null | undefined, claims: Claims | null) {
  const all = data?.providers ?? []
  return claims?.org ? all.filter((provider) => provider.id === claims.org) : all
}

function useNgoWork(token: string) {
  return useOperation(NgoWorkDocument, {}, token)
}

function NgoSessionForm({ child, token, claims }: { child: CardChild; token: string; claims: Claims | null }) {
  const { submit, errors, pending } = useMutation(RecordNgoSessionDocument, token)
  const [key] = useState(idempotencyKey)
  const planned = plannedServices(child, 'NGO', claims?.org)
  const [draft, setDraft] = useSessionDraft(planned)
  const send = () => {
    const item = (child.programmes ?? [])
      .flatMap((programme) => programme.services)
      .find((service) => service.id === draft.programmeServiceId)
    return submit({
      input: {
        childId: child.id,
        providerId: item?.provider?.id ?? claims?.org ?? '',
        ...sessionInput<DeliveryMode, SpecialistRole, NgoSessionCancellationReason>(draft, planned),
        idempotencyKey: key,
      },
    }).then(toCard(child))
  }
  return (
    <ChildForm
      title="Занятие негосударственного поставщика"
      child={child}
      submitLabel="Записать занятие"
      errors={errors}
      pending={pending}
      fields={['input.providerId', ...SESSION_FIELDS]}
      onSubmit={send}
    >
      {planned.length === 0 ? (
        <p className="notice">В подписанной ИПРП ребёнка нет услуг, которые оказывает ваша организация.</p>
      ) : (
        <SessionFields
          draft={draft}
          onChange={setDraft}
          errors={errors}
          planned={planned}
          modes={DELIVERY_MODE}
          roles={SPECIALIST_ROLE}
          reasons={NGO_CANCELLATION_REASON}
        />
      )}
    </ChildForm>
  )
}

function JoinForm({ child, token, claims }: { child: CardChild; token: string; claims: Claims | null }) {
  const { submit, errors, pending } = useMutation(JoinParentGroupDocument, token)
  const state = useNgoWork(token)
  const [groupId, setGroupId] = useState('')
  const [joinedOn, setJoinedOn] = useState(today())
  const familyId = child.family?.id
  const send = () => submit({ input: { familyId: familyId ?? '', groupId, joinedOn } }).then(toCard(child))
  if (state.status !== 'done') return <Pending state={state} />
  const groups = providersOf(state.result.data, claims).flatMap((provider) =>
    (provider.parentGroups ?? []).map((group) => ({
      value: group.id,
      label: `${group.name} (${provider.name}, ${group.municipality.name})`,
    })),
  )
  return (
    <ChildForm
      title="Вступление семьи в родительскую группу"
      child={child}
      submitLabel="Внести вступление"
      errors={errors}
      pending={pending}
      fields={['input.groupId', 'input.joinedOn', 'input.familyId']}
      onSubmit={send}
    >
      {familyId ? (
        <>
          <SelectField
            label="Родительская группа"
            field="input.groupId"
            errors={errors}
            value={groupId}
            onChange={setGroupId}
            placeholder="— выберите группу —"
            options={groups}
          />
          <DateField
            label="Дата вступления"
            field="input.joinedOn"
            errors={errors}
            value={joinedOn}
            onChange={setJoinedOn}
          />
        </>
      ) : (
        <p className="notice">Семья ребёнка не внесена в реестр или недоступна: вступление вносится для семьи.</p>
      )}
    </ChildForm>
  )
}

function LeaveForm({ child, token }: { child: CardChild; token: string }) {
  const { submit, errors, pending } = useMutation(LeaveParentGroupDocument, token)
  const active = (child.ngo?.parentGroupParticipations ?? []).filter((participation) => !participation.leftOn)
  const [participationId, setParticipationId] = useState(active[0]?.id ?? '')
  const [leftOn, setLeftOn] = useState(today())
  const send = () => submit({ input: { participationId, leftOn } }).then(toCard(child))
  return (
    <ChildForm
      title="Выход семьи из родительской группы"
      child={child}
      submitLabel="Внести выход"
      errors={errors}
      pending={pending}
      fields={['input.participationId', 'input.leftOn']}
      onSubmit={send}
    >
      {active.length === 0 ? (
        <p className="notice">Семья не участвует в родительских группах.</p>
      ) : (
        <>
          <SelectField
            label="Участие в группе"
            field="input.participationId"
            errors={errors}
            value={participationId}
            onChange={setParticipationId}
            options={active.map((participation) => ({
              value: participation.id,
              label: `${participation.group.name} (с ${formatDate(participation.joinedOn)})`,
            }))}
          />
          <DateField label="Дата выхода" field="input.leftOn" errors={errors} value={leftOn} onChange={setLeftOn} />
        </>
      )}
    </ChildForm>
  )
}

const card = childForms('ngo', ngoProviderStaff, [
  { slug: 'session', label: 'Записать занятие НКО', Form: NgoSessionForm },
  { slug: 'parent-group-join', label: 'Внести вступление семьи в родительскую группу', Form: JoinForm },
  { slug: 'parent-group-leave', label: 'Внести выход семьи из родительской группы', Form: LeaveForm },
])

export const NGO_CARD_ROUTES: readonly FormRoute[] = card.routes
export const NGO_ACTIONS = card.actions

/** A choice of the provider: the user's own organisation is fixed, ngo's own staff choose one. */
function ProviderChoice({
  providers,
  errors,
  value,
  onChange,
}: {
  providers: readonly Provider[]
  errors: readonly HubError[]
  value: string
  onChange: (value: string) => void
}) {
  return (
    <SelectField
      label="Поставщик"
      field="input.providerId"
      errors={errors}
      value={value}
      onChange={onChange}
      options={providers.map((provider) => ({ value: provider.id, label: provider.name }))}
    />
  )
}

/** A form of the page «Работа НКО»: back to the page, and there after success. */
function NgoForm(props: {
  title: string
  submitLabel: string
  errors: readonly HubError[]
  pending: boolean
  fields: readonly string[]
  onSubmit: () => void
  children: ReactNode
}) {
  return (
    <FormPage
      title={props.title}
      back={{ to: NGO_PAGE, label: 'Работа НКО' }}
      onSubmit={props.onSubmit}
      pending={props.pending}
      submitLabel={props.submitLabel}
    >
      {props.children}
      <ErrorSummary errors={props.errors} fields={props.fields} />
    </FormPage>
  )
}

const toPage = (result: unknown) => {
  if (result) navigate(NGO_PAGE)
}

function CreateGroupForm({ token, providers }: { token: string; providers: readonly Provider[] }) {
  const { submit, errors, pending } = useMutation(CreateParentGroupDocument, token)
  const municipalities = useMunicipalityOptions(token)
  const [key] = useState(idempotencyKey)
  const [providerId, setProviderId] = useState(providers[0]?.id ?? '')
  const [name, setName] = useState('')
  const [municipality, setMunicipality] = useState(providers[0]?.municipality.oktmo ?? '')
  const [format, setFormat] = useState<string>('IN_PERSON')
  const [startedOn, setStartedOn] = useState(today())
  const send = () =>
    submit({
      input: {
        providerId,
        name,
        municipality,
        format: format as ParentGroupFormat,
        startedOn,
        idempotencyKey: key,
      },
    }).then(toPage)
  return (
    <NgoForm
      title="Новая родительская группа"
      submitLabel="Создать группу"
      errors={errors}
      pending={pending}
      fields={['input.providerId', 'input.name', 'input.municipality', 'input.format', 'input.startedOn']}
      onSubmit={send}
    >
      <ProviderChoice providers={providers} errors={errors} value={providerId} onChange={setProviderId} />
      <TextField label="Название группы" field="input.name" errors={errors} value={name} onChange={setName} />
      <SelectField
        label="Муниципальное образование"
        field="input.municipality"
        errors={errors}
        value={municipality}
        onChange={setMunicipality}
        placeholder="— выберите —"
        options={municipalities}
      />
      <SelectField
        label="Формат работы"
        field="input.format"
        errors={errors}
        value={format}
        onChange={setFormat}
        options={labelled(PARENT_GROUP_FORMAT)}
      />
      <DateField
        label="Дата начала работы"
        field="input.startedOn"
        errors={errors}
        value={startedOn}
        onChange={setStartedOn}
      />
    </NgoForm>
  )
}

function MeetingForm({ token, group }: { token: string; group: GroupOf }) {
  const { submit, errors, pending } = useMutation(RecordParentGroupMeetingDocument, token)
  const [key] = useState(idempotencyKey)
  const [heldOn, setHeldOn] = useState(today())
  const [topic, setTopic] = useState('')
  const [format, setFormat] = useState<string>(group.format ?? 'IN_PERSON')
  const [families, setFamilies] = useState('')
  const send = () =>
    submit({
      input: {
        groupId: group.id,
        heldOn,
        topic,
        format: format as ParentGroupFormat,
        attendingFamilies: numberOf(families),
        idempotencyKey: key,
      },
    }).then(toPage)
  return (
    <NgoForm
      title={`Встреча группы «${group.name}»`}
      submitLabel="Внести встречу"
      errors={errors}
      pending={pending}
      fields={['input.heldOn', 'input.topic', 'input.format', 'input.attendingFamilies']}
      onSubmit={send}
    >
      <DateField label="Дата проведения" field="input.heldOn" errors={errors} value={heldOn} onChange={setHeldOn} />
      <TextField
        label="Тема встречи"
        field="input.topic"
        errors={errors}
        hint="Без персональных данных участников"
        value={topic}
        onChange={setTopic}
      />
      <SelectField
        label="Формат проведения"
        field="input.format"
        errors={errors}
        value={format}
        onChange={setFormat}
        options={labelled(PARENT_GROUP_FORMAT)}
      />
      <NumberField
        label="Число семей, принявших участие"
        field="input.attendingFamilies"
        errors={errors}
        min={0}
        max={1000}
        value={families}
        onChange={setFamilies}
      />
    </NgoForm>
  )
}

/** Several of a closed list, as checkboxes under one legend, with the refusals of their field. */
function ActivitiesField({
  errors,
  value,
  onChange,
}: {
  errors: readonly HubError[]
  value: readonly string[]
  onChange: (value: string[]) => void
}) {
  const id = useId()
  const own = errorsFor(errors, 'input.activityKinds')
  return (
    <fieldset className={own.length ? 'field invalid' : 'field'} aria-describedby={own.length ? id : undefined}>
      <legend>Направления деятельности</legend>
      {Object.entries(VOLUNTEER_ACTIVITY).map(([activity, label]) => (
        <label key={activity} className="check">
          <input
            type="checkbox"
            checked={value.includes(activity)}
            onChange={(event) =>
              onChange(event.target.checked ? [...value, activity] : value.filter((chosen) => chosen !== activity))
            }
          />
          {label}
        </label>
      ))}
      {own.length > 0 && (
        <p id={id} className="field-error">
          {own.map(errorText).join('; ')}
        </p>
      )}
    </fieldset>
  )
}

function VolunteerForm({ token, providers }: { token: string; providers: readonly Provider[] }) {
  const { submit, errors, pending } = useMutation(RegisterVolunteerDocument, token)
  const [key] = useState(idempotencyKey)
  const [providerId, setProviderId] = useState(providers[0]?.id ?? '')
  const [number, setNumber] = useState('')
  const [activities, setActivities] = useState<string[]>([])
  const [startedOn, setStartedOn] = useState(today())
  const send = () =>
    submit({
      input: {
        providerId,
        registrationNumber: number,
        activityKinds: activities as VolunteerActivity[],
        startedOn,
        idempotencyKey: key,
      },
    }).then(toPage)
  return (
    <NgoForm
      title="Регистрация добровольца"
      submitLabel="Зарегистрировать"
      errors={errors}
      pending={pending}
      fields={['input.providerId', 'input.registrationNumber', 'input.activityKinds', 'input.startedOn']}
      onSubmit={send}
    >
      <ProviderChoice providers={providers} errors={errors} value={providerId} onChange={setProviderId} />
      <TextField
        label="Регистрационный номер у поставщика"
        field="input.registrationNumber"
        errors={errors}
        hint="Например, ВОЛ-0042: имя добровольца остаётся в документах поставщика"
        maxLength={32}
        value={number}
        onChange={setNumber}
      />
      <ActivitiesField errors={errors} value={activities} onChange={setActivities} />
      <DateField
        label="Дата начала деятельности"
        field="input.startedOn"
        errors={errors}
        value={startedOn}
        onChange={setStartedOn}
      />
    </NgoForm>
  )
}

function HoursForm({ token, volunteer }: { token: string; volunteer: VolunteerOf }) {
  const { submit, errors, pending } = useMutation(RecordVolunteerHoursDocument, token)
  const [key] = useState(idempotencyKey)
  const [workedOn, setWorkedOn] = useState(today())
  const [hours, setHours] = useState('')
  const [activity, setActivity] = useState<string>(volunteer.activityKinds[0] ?? '')
  const send = () =>
    submit({
      input: {
        volunteerId: volunteer.id,
        workedOn,
        hours: numberOf(hours),
        activity: activity as VolunteerActivity,
        idempotencyKey: key,
      },
    }).then(toPage)
  return (
    <NgoForm
      title={`Часы добровольца ${volunteer.registrationNumber}`}
      submitLabel="Внести часы"
      errors={errors}
      pending={pending}
      fields={['input.workedOn', 'input.hours', 'input.activity']}
      onSubmit={send}
    >
      <DateField label="Дата" field="input.workedOn" errors={errors} value={workedOn} onChange={setWorkedOn} />
      <NumberField
        label="Число часов"
        field="input.hours"
        errors={errors}
        hint="От 0,25 до 24, кратно четверти часа"
        min={0.25}
        max={24}
        step={0.25}
        value={hours}
        onChange={setHours}
      />
      <SelectField
        label="Направление деятельности"
        field="input.activity"
        errors={errors}
        value={activity}
        onChange={setActivity}
        options={volunteer.activityKinds.map((kind) => ({ value: kind, label: VOLUNTEER_ACTIVITY[kind] ?? kind }))}
      />
    </NgoForm>
  )
}

function EndVolunteerForm({ token, volunteer }: { token: string; volunteer: VolunteerOf }) {
  const { submit, errors, pending } = useMutation(EndVolunteerDocument, token)
  const [endedOn, setEndedOn] = useState(today())
  const send = () => submit({ input: { volunteerId: volunteer.id, endedOn } }).then(toPage)
  return (
    <NgoForm
      title={`Прекращение деятельности добровольца ${volunteer.registrationNumber}`}
      submitLabel="Прекратить"
      errors={errors}
      pending={pending}
      fields={['input.endedOn']}
      onSubmit={send}
    >
      <DateField
        label="Дата прекращения"
        field="input.endedOn"
        errors={errors}
        hint="Не раньше начала деятельности и последнего дня с внесёнными часами"
        value={endedOn}
        onChange={setEndedOn}
      />
    </NgoForm>
  )
}

type GroupOf = NonNullable<Provider['parentGroups']>[number]
type VolunteerOf = NonNullable<Provider['volunteers']>[number]

/** Renders a page form once the providers the user acts for are read. */
function WithProviders({
  token,
  claims,
  children,
}: {
  token: string
  claims: Claims | null
  children: (providers: readonly Provider[]) => ReactNode
}) {
  const state = useNgoWork(token)
  if (state.status !== 'done') return <Pending state={state} />
  return <>{children(providersOf(state.result.data, claims))}</>
}

function pageRoute(
  path: string,
  render: (providers: readonly Provider[], match: RegExpExecArray, token: string) => ReactNode,
): FormRoute {
  return {
    pattern: new RegExp(`^${NGO_PAGE}/${path}$`),
    allowed: ngoProviderStaff,
    render: (match, { token, claims }) => (
      <WithProviders key={match[0]} token={token} claims={claims}>
        {(providers) => render(providers, match, token)}
      </WithProviders>
    ),
  }
}

function missing(what: string) {
  return <p className="notice notice-error">{what} не найден(а) среди записей вашей организации.</p>
}

export const NGO_PAGE_ROUTES: readonly FormRoute[] = [
  pageRoute('groups/new', (providers, _match, token) => <CreateGroupForm token={token} providers={providers} />),
  pageRoute('groups/([^/]+)/meeting', (providers, match, token) => {
    const group = providers.flatMap((provider) => provider.parentGroups ?? []).find((one) => one.id === match[1])
    return group ? <MeetingForm token={token} group={group} /> : missing('Группа')
  }),
  pageRoute('volunteers/new', (providers, _match, token) => <VolunteerForm token={token} providers={providers} />),
  pageRoute('volunteers/([^/]+)/hours', (providers, match, token) => {
    const volunteer = providers.flatMap((provider) => provider.volunteers ?? []).find((one) => one.id === match[1])
    return volunteer ? <HoursForm token={token} volunteer={volunteer} /> : missing('Доброволец')
  }),
  pageRoute('volunteers/([^/]+)/end', (providers, match, token) => {
    const volunteer = providers.flatMap((provider) => provider.volunteers ?? []).find((one) => one.id === match[1])
    return volunteer ? <EndVolunteerForm token={token} volunteer={volunteer} /> : missing('Доброволец')
  }),
]

/** The page «Работа НКО»: each provider's parent groups with their meetings, and its volunteers with their hours. */
export function NgoPage({ token, claims }: { token: string; claims: Claims | null }) {
  const state = useNgoWork(token)
  if (state.status !== 'done') return <Pending state={state} />
  const providers = providersOf(state.result.data, claims)
  return (
    <section>
      <h1>Работа НКО</h1>
      <p className="actions-line">
        <Link to={`${NGO_PAGE}/groups/new`}>Создать родительскую группу</Link>
        <Link to={`${NGO_PAGE}/volunteers/new`}>Зарегистрировать добровольца</Link>
      </p>
      {providers.length === 0 && <p className="muted">Нет негосударственных поставщиков.</p>}
      {providers.map((provider) => (
        <article key={provider.id} className="ngo-provider">
          <h2>{provider.name}</h2>
          <h3>Родительские группы</h3>
          {(provider.parentGroups ?? []).length === 0 ? (
            <p className="muted">Групп нет.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Группа</th>
                  <th>Муниципальное образование</th>
                  <th>Формат</th>
                  <th>Начало</th>
                  <th>Семей сейчас</th>
                  <th>Последняя встреча</th>
                  <th>Действия</th>
                </tr>
              </thead>
              <tbody>
                {(provider.parentGroups ?? []).map((group) => {
                  const last = group.meetings[0]
                  return (
                    <tr key={group.id}>
                      <td>{group.name}</td>
                      <td>{group.municipality.name}</td>
                      <td>{group.format ? (PARENT_GROUP_FORMAT[group.format] ?? group.format) : '—'}</td>
                      <td>{formatDate(group.startedOn)}</td>
                      <td>{group.activeParticipantCount}</td>
                      <td>
                        {last
                          ? `${formatDate(last.heldOn)}: ${last.topic} (семей: ${last.attendingFamilies})`
                          : 'встреч не было'}
                      </td>
                      <td>
                        <Link to={`${NGO_PAGE}/groups/${group.id}/meeting`}>Внести встречу</Link>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          )}
          <h3>Добровольцы</h3>
          {(provider.volunteers ?? []).length === 0 ? (
            <p className="muted">Добровольцев нет.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Номер</th>
                  <th>Направления</th>
                  <th>Начало</th>
                  <th>Окончание</th>
                  <th>Всего часов</th>
                  <th>Действия</th>
                </tr>
              </thead>
              <tbody>
                {(provider.volunteers ?? []).map((volunteer) => (
                  <tr key={volunteer.id}>
                    <td>{volunteer.registrationNumber}</td>
                    <td>{volunteer.activityKinds.map((kind) => VOLUNTEER_ACTIVITY[kind] ?? kind).join('; ')}</td>
                    <td>{formatDate(volunteer.startedOn)}</td>
                    <td>{formatDate(volunteer.endedOn)}</td>
                    <td>{volunteer.totalHours.toLocaleString('ru-RU')}</td>
                    <td>
                      {!volunteer.endedOn && (
                        <>
                          <Link to={`${NGO_PAGE}/volunteers/${volunteer.id}/hours`}>Внести часы</Link>{' '}
                          <Link to={`${NGO_PAGE}/volunteers/${volunteer.id}/end`}>Прекратить</Link>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
    </section>
  )
}
