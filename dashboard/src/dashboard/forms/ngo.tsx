import type { ReactNode } from 'react'
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
import { useMunicipalityOptions } from '../Choice'
import {
  DELIVERY_MODE,
  formatDate,
  NGO_CANCELLATION_REASON,
  PARENT_GROUP_FORMAT,
  SPECIALIST_ROLE,
  VOLUNTEER_ACTIVITY,
} from '../labels'
import { Link, navigate } from '../navigation'
import type { Claims } from '../roles'
import { Pending } from '../Status'
import { useOperation } from '../useOperation'
import {
  checkboxes,
  childForms,
  ChildForm,
  chosenOf,
  date,
  first,
  labelled,
  MutationForm,
  type MutationFormProps,
  ngoProviderStaff,
  number,
  numberOf,
  plannedServices,
  select,
  sessionInput,
  sessionSpecs,
  sessionStart,
  text,
  today,
  type CardChild,
} from './controls'
import type { FormRoute } from './routes'

/**
 * The ngo side's forms: a non-state provider's sessions and a family's parent groups from the child's card; groups,
 * their meetings and volunteers on the page «Работа НКО». A provider's staff act for their own organisation (the
 * token's `org`); ngo's own staff, who carry none, choose the provider.
 */

export const NGO_PAGE = '/dashboard/ngo'

type Provider = NgoWorkQuery['providers'][number]
type Props = { child: CardChild; token: string; claims: Claims | null }

/** The providers the signed-in user acts for: their own organisation, or every non-state one for ngo's own staff. */
function providersOf(data: NgoWorkQuery | null | undefined, claims: Claims | null) {
  const all = data?.providers ?? []
  return claims?.org ? all.filter((provider) => provider.id === claims.org) : all
}

function useNgoWork(token: string) {
  return useOperation(NgoWorkDocument, {}, token)
}

function NgoSessionForm({ child, token, claims }: Props) {
  const planned = plannedServices(child, 'NGO', claims?.org)
  return (
    <ChildForm
      child={child}
      token={token}
      document={RecordNgoSessionDocument}
      title="Занятие негосударственного поставщика"
      submitLabel="Записать занятие"
      unavailable={
        planned.length === 0 ? 'В подписанной ИПРП ребёнка нет услуг, которые оказывает ваша организация.' : null
      }
      initial={sessionStart(planned)}
      input={(values, key) => ({
        childId: child.id,
        // The session is the provider's that the programme names for the item.
        providerId: planned.find((item) => item.value === values.programmeServiceId)?.provider ?? claims?.org ?? '',
        ...sessionInput<DeliveryMode, SpecialistRole, NgoSessionCancellationReason>(values, planned),
        idempotencyKey: key,
      })}
      specs={(values) =>
        sessionSpecs(values, planned, {
          modes: DELIVERY_MODE,
          roles: SPECIALIST_ROLE,
          reasons: NGO_CANCELLATION_REASON,
        })
      }
    />
  )
}

function JoinForm({ child, token, claims }: Props) {
  const familyId = child.family?.id
  return (
    <WithProviders token={token} claims={claims}>
      {(providers) => {
        const groups = providers.flatMap((provider) =>
          (provider.parentGroups ?? []).map((group) => ({
            value: group.id,
            label: `${group.name} (${provider.name}, ${group.municipality.name})`,
          })),
        )
        return (
          <ChildForm
            child={child}
            token={token}
            document={JoinParentGroupDocument}
            title="Вступление семьи в родительскую группу"
            submitLabel="Внести вступление"
            unavailable={
              familyId ? null : 'Семья ребёнка не внесена в реестр или недоступна: вступление вносится для семьи.'
            }
            initial={{ groupId: '', joinedOn: today() }}
            input={(values) => ({
              familyId: familyId ?? '',
              groupId: values.groupId ?? '',
              joinedOn: values.joinedOn ?? '',
            })}
            specs={() => [
              select('groupId', 'Родительская группа', groups, { placeholder: '— выберите группу —' }),
              date('joinedOn', 'Дата вступления'),
            ]}
          />
        )
      }}
    </WithProviders>
  )
}

function LeaveForm({ child, token }: Props) {
  const active = (child.ngo?.parentGroupParticipations ?? [])
    .filter((participation) => !participation.leftOn)
    .map((participation) => ({
      value: participation.id,
      label: `${participation.group.name} (с ${formatDate(participation.joinedOn)})`,
    }))
  return (
    <ChildForm
      child={child}
      token={token}
      document={LeaveParentGroupDocument}
      title="Выход семьи из родительской группы"
      submitLabel="Внести выход"
      unavailable={active.length === 0 ? 'Семья не участвует в родительских группах.' : null}
      initial={{ participationId: first(active), leftOn: today() }}
      input={(values) => ({ participationId: values.participationId ?? '', leftOn: values.leftOn ?? '' })}
      specs={() => [select('participationId', 'Участие в группе', active), date('leftOn', 'Дата выхода')]}
    />
  )
}

const card = childForms('ngo', ngoProviderStaff, [
  { slug: 'session', label: 'Записать занятие НКО', Form: NgoSessionForm },
  { slug: 'parent-group-join', label: 'Внести вступление семьи в родительскую группу', Form: JoinForm },
  { slug: 'parent-group-leave', label: 'Внести выход семьи из родительской группы', Form: LeaveForm },
])

export const NGO_CARD_ROUTES: readonly FormRoute[] = card.routes
export const NGO_ACTIONS = card.actions

/** A form of the page «Работа НКО»: back to the page, and there after success. */
function NgoForm<R, I>(props: MutationFormProps<R, I>) {
  return (
    <MutationForm
      {...props}
      back={{ to: NGO_PAGE, label: 'Работа НКО' }}
      after={(result) => {
        if (result) navigate(NGO_PAGE)
      }}
    />
  )
}

/** The provider: the user's own organisation is the only choice, ngo's own staff choose among all. */
const providerSpec = (providers: readonly Provider[]) =>
  select(
    'providerId',
    'Поставщик',
    providers.map((provider) => ({ value: provider.id, label: provider.name })),
  )

function CreateGroupForm({ token, providers }: { token: string; providers: readonly Provider[] }) {
  const municipalities = useMunicipalityOptions(token)
  return (
    <NgoForm
      token={token}
      document={CreateParentGroupDocument}
      title="Новая родительская группа"
      submitLabel="Создать группу"
      initial={{
        providerId: providers[0]?.id ?? '',
        name: '',
        municipality: providers[0]?.municipality.oktmo ?? '',
        format: 'IN_PERSON',
        startedOn: today(),
      }}
      input={(values, key) => ({
        providerId: values.providerId ?? '',
        name: values.name ?? '',
        municipality: values.municipality ?? '',
        format: values.format as ParentGroupFormat,
        startedOn: values.startedOn ?? '',
        idempotencyKey: key,
      })}
      specs={() => [
        providerSpec(providers),
        text('name', 'Название группы'),
        select('municipality', 'Муниципальное образование', municipalities, { placeholder: '— выберите —' }),
        select('format', 'Формат работы', PARENT_GROUP_FORMAT),
        date('startedOn', 'Дата начала работы'),
      ]}
    />
  )
}

function MeetingForm({ token, group }: { token: string; group: GroupOf }) {
  return (
    <NgoForm
      token={token}
      document={RecordParentGroupMeetingDocument}
      title={`Встреча группы «${group.name}»`}
      submitLabel="Внести встречу"
      initial={{ heldOn: today(), topic: '', format: group.format ?? 'IN_PERSON', attendingFamilies: '' }}
      input={(values, key) => ({
        groupId: group.id,
        heldOn: values.heldOn ?? '',
        topic: values.topic ?? '',
        format: values.format as ParentGroupFormat,
        attendingFamilies: numberOf(values.attendingFamilies),
        idempotencyKey: key,
      })}
      specs={() => [
        date('heldOn', 'Дата проведения'),
        text('topic', 'Тема встречи', { hint: 'Без персональных данных участников' }),
        select('format', 'Формат проведения', PARENT_GROUP_FORMAT),
        number('attendingFamilies', 'Число семей, принявших участие', { min: 0, max: 1000 }),
      ]}
    />
  )
}

function VolunteerForm({ token, providers }: { token: string; providers: readonly Provider[] }) {
  return (
    <NgoForm
      token={token}
      document={RegisterVolunteerDocument}
      title="Регистрация добровольца"
      submitLabel="Зарегистрировать"
      initial={{ providerId: providers[0]?.id ?? '', registrationNumber: '', activityKinds: '', startedOn: today() }}
      input={(values, key) => ({
        providerId: values.providerId ?? '',
        registrationNumber: values.registrationNumber ?? '',
        activityKinds: chosenOf(values.activityKinds) as VolunteerActivity[],
        startedOn: values.startedOn ?? '',
        idempotencyKey: key,
      })}
      specs={() => [
        providerSpec(providers),
        text('registrationNumber', 'Регистрационный номер у поставщика', {
          hint: 'Например, ВОЛ-0042: имя добровольца остаётся в документах поставщика',
          maxLength: 32,
        }),
        checkboxes('activityKinds', 'Направления деятельности', labelled(VOLUNTEER_ACTIVITY)),
        date('startedOn', 'Дата начала деятельности'),
      ]}
    />
  )
}

function HoursForm({ token, volunteer }: { token: string; volunteer: VolunteerOf }) {
  return (
    <NgoForm
      token={token}
      document={RecordVolunteerHoursDocument}
      title={`Часы добровольца ${volunteer.registrationNumber}`}
      submitLabel="Внести часы"
      initial={{ workedOn: today(), hours: '', activity: volunteer.activityKinds[0] ?? '' }}
      input={(values, key) => ({
        volunteerId: volunteer.id,
        workedOn: values.workedOn ?? '',
        hours: numberOf(values.hours),
        activity: values.activity as VolunteerActivity,
        idempotencyKey: key,
      })}
      specs={() => [
        date('workedOn', 'Дата'),
        number('hours', 'Число часов', { min: 0.25, max: 24, step: 0.25, hint: 'От 0,25 до 24, кратно четверти часа' }),
        select(
          'activity',
          'Направление деятельности',
          volunteer.activityKinds.map((kind) => ({ value: kind, label: VOLUNTEER_ACTIVITY[kind] ?? kind })),
        ),
      ]}
    />
  )
}

function EndVolunteerForm({ token, volunteer }: { token: string; volunteer: VolunteerOf }) {
  return (
    <NgoForm
      token={token}
      document={EndVolunteerDocument}
      title={`Прекращение деятельности добровольца ${volunteer.registrationNumber}`}
      submitLabel="Прекратить"
      initial={{ endedOn: today() }}
      input={(values) => ({ volunteerId: volunteer.id, endedOn: values.endedOn ?? '' })}
      specs={() => [
        date('endedOn', 'Дата прекращения', 'Не раньше начала деятельности и последнего дня с внесёнными часами'),
      ]}
    />
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
