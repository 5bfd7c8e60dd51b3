import { useState, type ReactNode } from 'react'
import {
  DraftProgrammeDocument,
  ExitProgrammeDocument,
  PathwayChildDocument,
  ProviderRegistryDocument,
  RecordSocialSessionDocument,
  ReviewProgrammeDocument,
  ServiceCatalogueDocument,
  SignProgrammeDocument,
  type DeliveryMode,
  type ExitReason,
  type PathwayChildQuery,
  type ProgrammeReviewKind,
  type ProviderRegistryQuery,
  type ServiceCatalogueQuery,
  type Side,
  type SocialSessionCancellationReason,
  type SpecialistRole,
} from '../../../../schema/__generated__/operations'
import { enumLabels } from '../../shared/__generated__/enum-labels'
import { EXIT_REASON, formatDate, SIDE, SPECIALIST_ROLE } from '../labels'
import { navigate } from '../navigation'
import { useOperation } from '../useOperation'
import { icfTitle, ICF_QUALIFIERS } from './icf'
import { IcfPicker } from './IcfPicker'
import { ErrorSummary, FormPage, idempotencyKey, useMutation } from './kit'
import { DateField, labelled, Loaded, NumberField, SelectField, TextField, whole } from './pathway-fields'
import { today } from './registry-parts'
import { representativeLabel, representativesOn } from './ReferForm'

type Child = NonNullable<PathwayChildQuery['child']>
type Programme = Child['programmes'][number]
type Provider = ProviderRegistryQuery['providers'][number]
type ServiceType = ServiceCatalogueQuery['serviceTypes'][number]

const cardOf = (child: { id: string }) => `/dashboard/children/${child.id}`
const back = (child: { id: string }) => ({ to: cardOf(child), label: 'к карточке ребёнка' })
const QUALIFIERS = ICF_QUALIFIERS.map(({ value, label }) => ({ value: String(value), label }))

function WithChild({ id, token, children }: { id: string; token: string; children: (child: Child) => ReactNode }) {
  const state = useOperation(PathwayChildDocument, { id }, token)
  return <Loaded state={state}>{({ child }) => (child ? children(child) : <p>Ребёнок не найден в реестре.</p>)}</Loaded>
}

/** The programme a form is about, by id, or a sentence saying it is not the child's. */
function WithProgramme({
  id,
  programmeId,
  token,
  children,
}: {
  id: string
  programmeId: string
  token: string
  children: (child: Child, programme: Programme) => ReactNode
}) {
  return (
    <WithChild id={id} token={token}>
      {(child) => {
        const programme = child.programmes.find((candidate) => candidate.id === programmeId)
        return programme ? children(child, programme) : <p>У ребёнка нет такой ИПРП.</p>
      }}
    </WithChild>
  )
}

/** «ИПРП, версия 2, подписана 01.09.2026 — АНО …» */
function programmeText(programme: Programme) {
  const signed = programme.signedOn ? `подписана ${formatDate(programme.signedOn)}` : 'проект'
  return `ИПРП, версия ${programme.version}, ${signed} — ${programme.provider.name}`
}

interface GoalDraft {
  icfCode: string
  baselineQualifier: string
  targetQualifier: string
  description: string
}

interface ServiceDraft {
  serviceCode: string
  sessionsPerMonth: string
  durationMinutes: string
  mode: DeliveryMode | ''
  responsibleSide: Side | ''
  providerId: string
}

const NEW_GOAL: GoalDraft = { icfCode: '', baselineQualifier: '2', targetQualifier: '1', description: '' }
const NEW_SERVICE: ServiceDraft = {
  serviceCode: '',
  sessionsPerMonth: '4',
  durationMinutes: '',
  mode: '',
  responsibleSide: '',
  providerId: '',
}

function DraftFields({
  child,
  catalogue,
  providers,
  token,
}: {
  child: Child
  catalogue: readonly ServiceType[]
  providers: readonly Provider[]
  token: string
}) {
  const { submit, errors, pending } = useMutation(DraftProgrammeDocument, token)
  const [key] = useState(idempotencyKey)
  const referrals = child.referrals.filter((referral) => referral.status !== 'REJECTED')
  const [referralId, setReferralId] = useState(referrals.find((r) => r.needOutcome === 'IN_NEED')?.id ?? '')
  const [lead, setLead] = useState<SpecialistRole | ''>('')
  const [goals, setGoals] = useState<GoalDraft[]>([NEW_GOAL])
  const [services, setServices] = useState<ServiceDraft[]>([NEW_SERVICE])

  const setGoal = (i: number, change: Partial<GoalDraft>) =>
    setGoals(goals.map((goal, j) => (j === i ? { ...goal, ...change } : goal)))
  const setService = (i: number, change: Partial<ServiceDraft>) =>
    setServices(services.map((service, j) => (j === i ? { ...service, ...change } : service)))

  const onSubmit = async () => {
    const done = await submit({
      input: {
        childId: child.id,
        referralId,
        leadSpecialistRole: lead || null,
        goals: goals.map((goal) => ({
          icfCode: goal.icfCode,
          baselineQualifier: whole(goal.baselineQualifier),
          targetQualifier: whole(goal.targetQualifier),
          description: goal.description,
        })),
        services: services.map((service) => ({
          serviceCode: service.serviceCode,
          sessionsPerMonth: whole(service.sessionsPerMonth),
          durationMinutes: whole(service.durationMinutes),
          mode: service.mode as DeliveryMode,
          responsibleSide: service.responsibleSide as Side,
          providerId: service.providerId,
        })),
        idempotencyKey: key,
      },
    })
    if (done) navigate(cardOf(child))
  }

  return (
    <FormPage
      title={`Проект ИПРП: ${child.fullName}`}
      back={back(child)}
      onSubmit={() => void onSubmit()}
      pending={pending}
      submitLabel="Сохранить проект ИПРП"
    >
      <SelectField
        label="Направление, по которому разработана программа"
        field="input.referralId"
        errors={errors}
        value={referralId}
        onChange={setReferralId}
        placeholder="Выберите направление"
        options={referrals.map((referral) => ({
          value: referral.id,
          label: `от ${formatDate(referral.receivedOn)} — ${referral.provider.name}${
            referral.needOutcome ? ` (${enumLabels.NeedOutcome[referral.needOutcome].toLowerCase()})` : ''
          }`,
        }))}
      />
      <SelectField
        label="Ведущий специалист (должность)"
        field="input.leadSpecialistRole"
        errors={errors}
        value={lead}
        onChange={(value) => setLead(value as SpecialistRole)}
        placeholder="Не указан"
        options={labelled(SPECIALIST_ROLE)}
      />
      {goals.map((goal, i) => {
        const field = `input.goals[${i}]`
        return (
          <fieldset key={i} aria-label={`Цель ${i + 1}`}>
            <legend>Цель {i + 1}</legend>
            <IcfPicker
              label="Код МКФ-ДП"
              field={`${field}.icfCode`}
              errors={errors}
              value={goal.icfCode}
              onChange={(icfCode) =>
                setGoal(i, { icfCode, description: goal.description || (icfTitle(icfCode) ?? '') })
              }
            />
            <div className="field-row">
              <SelectField
                label="Исходный определитель"
                field={`${field}.baselineQualifier`}
                errors={errors}
                value={goal.baselineQualifier}
                onChange={(value) => setGoal(i, { baselineQualifier: value })}
                options={QUALIFIERS}
              />
              <SelectField
                label="Целевой определитель"
                field={`${field}.targetQualifier`}
                errors={errors}
                value={goal.targetQualifier}
                onChange={(value) => setGoal(i, { targetQualifier: value })}
                options={QUALIFIERS}
              />
            </div>
            <TextField
              label="Формулировка цели"
              field={`${field}.description`}
              errors={errors}
              multiline
              value={goal.description}
              onChange={(description) => setGoal(i, { description })}
            />
            {goals.length > 1 && (
              <button type="button" onClick={() => setGoals(goals.filter((_, j) => j !== i))}>
                Убрать цель {i + 1}
              </button>
            )}
          </fieldset>
        )
      })}
      <p>
        <button type="button" onClick={() => setGoals([...goals, NEW_GOAL])}>
          Добавить цель
        </button>
      </p>
      {services.map((service, i) => {
        const field = `input.services[${i}]`
        const type = catalogue.find((candidate) => candidate.code === service.serviceCode)
        const delivering = providers.filter((provider) => provider.services.some((s) => s.code === service.serviceCode))
        const modes = (Object.keys(enumLabels.DeliveryMode) as DeliveryMode[]).filter(
          (mode) => mode !== 'REMOTE' || type?.remoteAllowed,
        )
        return (
          <fieldset key={i} aria-label={`Услуга ${i + 1}`}>
            <legend>Услуга {i + 1}</legend>
            <SelectField
              label="Услуга из регионального перечня"
              field={`${field}.serviceCode`}
              errors={errors}
              value={service.serviceCode}
              onChange={(code) => {
                const chosen = catalogue.find((candidate) => candidate.code === code)
                setService(i, {
                  serviceCode: code,
                  durationMinutes: String(chosen?.standardDurationMinutes ?? ''),
                  providerId: '',
                  responsibleSide: '',
                })
              }}
              placeholder="Выберите услугу"
              options={catalogue.map((candidate) => ({ value: candidate.code, label: candidate.name }))}
            />
            <SelectField
              label="Поставщик"
              field={`${field}.providerId`}
              errors={errors}
              hint="Поставщики из реестра, оказывающие выбранную услугу"
              value={service.providerId}
              onChange={(providerId) =>
                setService(i, {
                  providerId,
                  responsibleSide: delivering.find((provider) => provider.id === providerId)?.side ?? '',
                })
              }
              placeholder={service.serviceCode ? 'Выберите поставщика' : 'Сначала выберите услугу'}
              options={delivering.map((provider) => ({
                value: provider.id,
                label: `${provider.name} (${provider.municipality.name})`,
              }))}
            />
            <div className="field-row">
              <SelectField
                label="Ответственное ведомство"
                field={`${field}.responsibleSide`}
                errors={errors}
                value={service.responsibleSide}
                onChange={(value) => setService(i, { responsibleSide: value as Side })}
                placeholder="Выберите ведомство"
                options={labelled(SIDE)}
              />
              <SelectField
                label="Форма оказания"
                field={`${field}.mode`}
                errors={errors}
                hint={type && !type.remoteAllowed ? 'Дистанционно эта услуга не оказывается' : undefined}
                value={service.mode}
                onChange={(value) => setService(i, { mode: value as DeliveryMode })}
                placeholder="Выберите форму"
                options={labelled(enumLabels.DeliveryMode, modes)}
              />
            </div>
            <div className="field-row">
              <NumberField
                label="Занятий в месяц"
                field={`${field}.sessionsPerMonth`}
                errors={errors}
                hint="От 1 до 31"
                min={1}
                max={31}
                value={service.sessionsPerMonth}
                onChange={(value) => setService(i, { sessionsPerMonth: value })}
              />
              <NumberField
                label="Продолжительность занятия, минут"
                field={`${field}.durationMinutes`}
                errors={errors}
                hint="От 5 до 480"
                min={5}
                max={480}
                value={service.durationMinutes}
                onChange={(value) => setService(i, { durationMinutes: value })}
              />
            </div>
            {services.length > 1 && (
              <button type="button" onClick={() => setServices(services.filter((_, j) => j !== i))}>
                Убрать услугу {i + 1}
              </button>
            )}
          </fieldset>
        )
      })}
      <p>
        <button type="button" onClick={() => setServices([...services, NEW_SERVICE])}>
          Добавить услугу
        </button>
      </p>
      <ErrorSummary
        errors={errors}
        fields={['input.referralId', 'input.leadSpecialistRole', 'input.goals', 'input.services']}
      />
    </FormPage>
  )
}

/** A new version of the child's ИПРП as a draft (draftProgramme), from the child's card. */
export function DraftProgrammeForm({ childId, token }: { childId: string; token: string }) {
  const catalogue = useOperation(ServiceCatalogueDocument, {}, token)
  const providers = useOperation(ProviderRegistryDocument, { filter: null }, token)
  return (
    <WithChild id={childId} token={token}>
      {(child) => (
        <Loaded state={catalogue}>
          {({ serviceTypes }) => (
            <Loaded state={providers}>
              {(registry) => (
                <DraftFields child={child} catalogue={serviceTypes} providers={registry.providers} token={token} />
              )}
            </Loaded>
          )}
        </Loaded>
      )}
    </WithChild>
  )
}

function SignFields({ child, programme, token }: { child: Child; programme: Programme; token: string }) {
  const { submit, errors, pending } = useMutation(SignProgrammeDocument, token)
  const [signedOn, setSignedOn] = useState(today)
  const [representativeId, setRepresentativeId] = useState('')
  const representatives = representativesOn(child, signedOn)
  const onSubmit = async () => {
    const done = await submit({ input: { programmeId: programme.id, representativeId, signedOn } })
    if (done) navigate(cardOf(child))
  }
  return (
    <FormPage
      title={`Подписание ИПРП: ${child.fullName}`}
      back={back(child)}
      onSubmit={() => void onSubmit()}
      pending={pending}
      submitLabel="Подписать"
    >
      <p className="muted">{programmeText(programme)}</p>
      <Goals programme={programme} />
      <DateField
        label="Дата подписания"
        field="input.signedOn"
        errors={errors}
        hint="Не раньше получения направления и не позже сегодняшнего дня"
        value={signedOn}
        max={today()}
        onChange={setSignedOn}
      />
      <SelectField
        label="Законный представитель, подписавший программу"
        field="input.representativeId"
        errors={errors}
        hint="Представители семьи, полномочия которых действуют в день подписания"
        value={representativeId}
        onChange={setRepresentativeId}
        placeholder={representatives.length ? 'Выберите представителя' : 'В этот день нет действующих представителей'}
        options={representatives.map((term) => ({ value: term.id, label: representativeLabel(term) }))}
      />
      <ErrorSummary errors={errors} fields={['input.signedOn', 'input.representativeId']} />
    </FormPage>
  )
}

/** The programme's goals, for the forms that act on a whole programme. */
function Goals({ programme }: { programme: Programme }) {
  return (
    <ul className="plain" aria-label="Цели программы">
      {programme.goals.map((goal) => (
        <li key={goal.id}>
          <code>{goal.icfCode}</code> {goal.description}: {goal.baselineQualifier} → {goal.targetQualifier}
        </li>
      ))}
    </ul>
  )
}

/** A legal representative signs a draft ИПРП (signProgramme). */
export function SignProgrammeForm(props: { childId: string; programmeId: string; token: string }) {
  return (
    <WithProgramme id={props.childId} programmeId={props.programmeId} token={props.token}>
      {(child, programme) => <SignFields child={child} programme={programme} token={props.token} />}
    </WithProgramme>
  )
}

function ReviewFields({ child, programme, token }: { child: Child; programme: Programme; token: string }) {
  const { submit, errors, pending } = useMutation(ReviewProgrammeDocument, token)
  const [key] = useState(idempotencyKey)
  const [kind, setKind] = useState<ProgrammeReviewKind>('INTERMEDIATE')
  const [reviewedOn, setReviewedOn] = useState(today)
  const [ratings, setRatings] = useState(programme.goals.map((goal) => String(goal.baselineQualifier)))
  const [note, setNote] = useState('')
  const onSubmit = async () => {
    const done = await submit({
      input: {
        programmeId: programme.id,
        kind,
        reviewedOn,
        ratings: programme.goals.map((goal, i) => ({ icfCode: goal.icfCode, qualifier: whole(ratings[i] ?? '') })),
        note: note || null,
        idempotencyKey: key,
      },
    })
    if (done) navigate(cardOf(child))
  }
  return (
    <FormPage
      title={`Оценка реализации ИПРП: ${child.fullName}`}
      back={back(child)}
      onSubmit={() => void onSubmit()}
      pending={pending}
      submitLabel="Внести оценку"
    >
      <p className="muted">{programmeText(programme)}</p>
      <SelectField
        label="Вид оценки"
        field="input.kind"
        errors={errors}
        value={kind}
        onChange={(value) => setKind(value as ProgrammeReviewKind)}
        options={labelled(enumLabels.ProgrammeReviewKind)}
      />
      <DateField
        label="Дата оценки"
        field="input.reviewedOn"
        errors={errors}
        hint={`Не раньше подписания программы (${formatDate(programme.signedOn)}) и не позже сегодняшнего дня`}
        value={reviewedOn}
        max={today()}
        onChange={setReviewedOn}
      />
      {programme.goals.map((goal, i) => (
        <SelectField
          key={goal.id}
          label={`${goal.icfCode} — ${goal.description} (было ${goal.baselineQualifier}, цель ${goal.targetQualifier})`}
          field={`input.ratings[${i}]`}
          errors={errors}
          value={ratings[i] ?? ''}
          onChange={(value) => setRatings(ratings.map((rating, j) => (j === i ? value : rating)))}
          options={QUALIFIERS}
        />
      ))}
      <TextField label="Заключение" field="input.note" errors={errors} multiline value={note} onChange={setNote} />
      <ErrorSummary errors={errors} fields={['input.kind', 'input.reviewedOn', 'input.ratings', 'input.note']} />
    </FormPage>
  )
}

/** An intermediate or final review of the programme in force, rating each goal (reviewProgramme). */
export function ReviewProgrammeForm(props: { childId: string; programmeId: string; token: string }) {
  return (
    <WithProgramme id={props.childId} programmeId={props.programmeId} token={props.token}>
      {(child, programme) => <ReviewFields child={child} programme={programme} token={props.token} />}
    </WithProgramme>
  )
}

function ExitFields({ child, token, proposed }: { child: Child; token: string; proposed: ProposedExit }) {
  const { submit, errors, pending } = useMutation(ExitProgrammeDocument, token)
  const [exitedOn, setExitedOn] = useState(proposed.on ?? today())
  const [reason, setReason] = useState<ExitReason | ''>(proposed.reason ?? '')
  const inForce = child.programmes.find((programme) => programme.status === 'SIGNED')
  const onSubmit = async () => {
    const done = await submit({ input: { childId: child.id, exitedOn, reason: reason as ExitReason } })
    if (done) navigate(cardOf(child))
  }
  return (
    <FormPage
      title={`Завершение ИПРП: ${child.fullName}`}
      back={back(child)}
      onSubmit={() => void onSubmit()}
      pending={pending}
      submitLabel="Завершить ИПРП"
    >
      <p className="muted">{inForce ? programmeText(inForce) : 'У ребёнка нет действующей ИПРП.'}</p>
      <SelectField
        label="Основание завершения"
        field="input.reason"
        errors={errors}
        value={reason}
        onChange={(value) => setReason(value as ExitReason)}
        placeholder="Выберите основание"
        options={labelled(EXIT_REASON)}
      />
      <DateField
        label="Дата завершения"
        field="input.exitedOn"
        errors={errors}
        hint={
          inForce
            ? `Не раньше подписания программы (${formatDate(inForce.signedOn)}) и не позже сегодняшнего дня`
            : undefined
        }
        value={exitedOn}
        max={today()}
        onChange={setExitedOn}
      />
      <ErrorSummary errors={errors} fields={['input.reason', 'input.exitedOn']} />
    </FormPage>
  )
}

/** What a work queue's row proposes for the exit (`?reason=` and `?on=`): the form starts from it. */
interface ProposedExit {
  reason?: ExitReason
  on?: string
}

function proposedExit(search: string): ProposedExit {
  const params = new URLSearchParams(search)
  const reason = params.get('reason') ?? ''
  const on = params.get('on') ?? ''
  return {
    ...(reason in EXIT_REASON && { reason: reason as ExitReason }),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(on) && { on }),
  }
}

/** Ends the child's ИПРП in force with a reason (exitProgramme), from the card or a work queue's row. */
export function ExitProgrammeForm({ childId, token }: { childId: string; token: string }) {
  const proposed = proposedExit(location.search)
  return (
    <WithChild id={childId} token={token}>
      {(child) => <ExitFields child={child} token={token} proposed={proposed} />}
    </WithChild>
  )
}

function SessionFields({ child, token }: { child: Child; token: string }) {
  const { submit, errors, pending } = useMutation(RecordSocialSessionDocument, token)
  const [key] = useState(idempotencyKey)
  const items = child.programmes
    .filter((programme) => programme.status === 'SIGNED')
    .flatMap((programme) => programme.services.filter((item) => item.responsibleSide === 'SOCIAL'))
  const [itemId, setItemId] = useState(items.length === 1 ? items[0]!.id : '')
  const item = items.find((candidate) => candidate.id === itemId)
  const [deliveredOn, setDeliveredOn] = useState(today)
  const [duration, setDuration] = useState(item ? String(item.durationMinutes) : '')
  const [mode, setMode] = useState<DeliveryMode | ''>(item?.mode ?? '')
  const [role, setRole] = useState<SpecialistRole | ''>('')
  const [attended, setAttended] = useState(true)
  const [cancellation, setCancellation] = useState<SocialSessionCancellationReason | ''>('')
  const onSubmit = async () => {
    const done = await submit({
      input: {
        programmeServiceId: itemId,
        deliveredOn,
        durationMinutes: whole(duration),
        mode: mode as DeliveryMode,
        specialistRole: role as SpecialistRole,
        attended,
        cancellationReason: attended ? null : (cancellation as SocialSessionCancellationReason),
        idempotencyKey: key,
      },
    })
    if (done) navigate(cardOf(child))
  }
  return (
    <FormPage
      title={`Занятие организации социального обслуживания: ${child.fullName}`}
      back={back(child)}
      onSubmit={() => void onSubmit()}
      pending={pending}
      submitLabel="Внести занятие"
    >
      <SelectField
        label="Услуга ИПРП"
        field="input.programmeServiceId"
        errors={errors}
        hint="Услуги действующей ИПРП, за оказание которых отвечает соцзащита"
        value={itemId}
        onChange={(value) => {
          const chosen = items.find((candidate) => candidate.id === value)
          setItemId(value)
          if (chosen) {
            setDuration(String(chosen.durationMinutes))
            setMode(chosen.mode)
          }
        }}
        placeholder={items.length ? 'Выберите услугу' : 'В действующей ИПРП нет услуг соцзащиты'}
        options={items.map((candidate) => ({
          value: candidate.id,
          label: `${candidate.serviceType.name} — ${candidate.provider.name}, ${candidate.sessionsPerMonth} в месяц`,
        }))}
      />
      <DateField
        label="Дата проведения"
        field="input.deliveredOn"
        errors={errors}
        hint="Не раньше подписания ИПРП и не позже сегодняшнего дня; для отменённого — дата, на которую было назначено"
        value={deliveredOn}
        max={today()}
        onChange={setDeliveredOn}
      />
      <div className="field-row">
        <NumberField
          label="Продолжительность, минут"
          field="input.durationMinutes"
          errors={errors}
          hint="От 1 до 480"
          min={1}
          max={480}
          value={duration}
          onChange={setDuration}
        />
        <SelectField
          label="Форма проведения"
          field="input.mode"
          errors={errors}
          value={mode}
          onChange={(value) => setMode(value as DeliveryMode)}
          placeholder="Выберите форму"
          options={labelled(enumLabels.DeliveryMode)}
        />
      </div>
      <SelectField
        label="Должность специалиста"
        field="input.specialistRole"
        errors={errors}
        value={role}
        onChange={(value) => setRole(value as SpecialistRole)}
        placeholder="Выберите должность"
        options={labelled(SPECIALIST_ROLE)}
      />
      <label>
        <input type="checkbox" checked={attended} onChange={(event) => setAttended(event.target.checked)} /> Занятие
        состоялось
      </label>
      {!attended && (
        <SelectField
          label="Причина отмены"
          field="input.cancellationReason"
          errors={errors}
          value={cancellation}
          onChange={(value) => setCancellation(value as SocialSessionCancellationReason)}
          placeholder="Выберите причину"
          options={labelled(enumLabels.SocialSessionCancellationReason)}
        />
      )}
      <ErrorSummary
        errors={errors}
        fields={[
          'input.programmeServiceId',
          'input.deliveredOn',
          'input.durationMinutes',
          'input.mode',
          'input.specialistRole',
          'input.cancellationReason',
        ]}
      />
    </FormPage>
  )
}

/** A session of social's own centre against an item of the child's ИПРП (recordSocialSession). */
export function SocialSessionForm({ childId, token }: { childId: string; token: string }) {
  return (
    <WithChild id={childId} token={token}>
      {(child) => <SessionFields child={child} token={token} />}
    </WithChild>
  )
}
