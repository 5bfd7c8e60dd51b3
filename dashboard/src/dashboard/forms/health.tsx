import { useState } from 'react'
import {
  AssessHealthGroupDocument,
  CloseRehabilitationEpisodeDocument,
  EndDispensaryObservationDocument,
  Icd10CodesDocument,
  OpenRehabilitationEpisodeDocument,
  RecordDetectionEventDocument,
  RecordDiagnosisDocument,
  RecordRehabilitationSessionDocument,
  RecordRiskFactorDocument,
  StartDispensaryObservationDocument,
  type DetectionKind,
  type DispensaryObservationEndReason,
  type HealthGroup,
  type MedicalSpecialty,
  type RehabilitationSessionMode,
  type RehabilitationSpecialistRole,
  type RiskFactorKind,
  type ScreeningResult,
} from '../../../../schema/__generated__/operations'
import type { HubError } from '../../shared/graphql'
import {
  DETECTION_KIND,
  DISPENSARY_END_REASON,
  formatDate,
  HEALTH_GROUP,
  MEDICAL_SPECIALTY,
  REHABILITATION_MODE,
  REHABILITATION_ROLE,
  RISK_FACTOR,
  SCREENING_RESULT,
} from '../labels'
import { Pending } from '../Status'
import { useOperation } from '../useOperation'
import {
  ChildForm,
  DateField,
  childForms,
  labelled,
  NumberField,
  numberOf,
  plannedServices,
  SelectField,
  sideStaff,
  TextField,
  toCard,
  today,
  YesNoField,
  type CardChild,
} from './controls'
import { Field, idempotencyKey, useMutation } from './kit'

/** Health's forms: what a medical organisation records about a child, each on the child's card's path. */

type Props = { child: CardChild; token: string }

function DetectionForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(RecordDetectionEventDocument, token)
  const [key] = useState(idempotencyKey)
  const [kind, setKind] = useState<string>('NEONATAL_SCREENING')
  const [result, setResult] = useState('')
  const [occurredOn, setOccurredOn] = useState(today())
  const [organisation, setOrganisation] = useState('')
  const send = () =>
    submit({
      input: {
        childId: child.id,
        kind: kind as DetectionKind,
        result: result === '' ? null : (result as ScreeningResult),
        occurredOn,
        organisation,
        idempotencyKey: key,
      },
    }).then(toCard(child))
  return (
    <ChildForm
      title="Событие выявления"
      child={child}
      submitLabel="Записать событие"
      errors={errors}
      pending={pending}
      fields={['input.kind', 'input.result', 'input.occurredOn', 'input.organisation']}
      onSubmit={send}
    >
      <SelectField
        label="Вид события"
        field="input.kind"
        errors={errors}
        value={kind}
        onChange={setKind}
        options={labelled(DETECTION_KIND)}
      />
      <SelectField
        label="Результат скрининга"
        field="input.result"
        errors={errors}
        hint="Обязателен для неонатального и аудиологического скрининга"
        value={result}
        onChange={setResult}
        placeholder="— без результата (осмотр, консультация) —"
        options={labelled(SCREENING_RESULT)}
      />
      <DateField label="Дата" field="input.occurredOn" errors={errors} value={occurredOn} onChange={setOccurredOn} />
      <TextField
        label="Медицинская организация"
        field="input.organisation"
        errors={errors}
        maxLength={300}
        value={organisation}
        onChange={setOrganisation}
      />
    </ChildForm>
  )
}

function HealthGroupForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(AssessHealthGroupDocument, token)
  const [key] = useState(idempotencyKey)
  const [group, setGroup] = useState<string>(child.health?.healthGroup?.group ?? 'I')
  const [assessedOn, setAssessedOn] = useState(today())
  const send = () =>
    submit({
      input: { childId: child.id, group: group as HealthGroup, assessedOn, idempotencyKey: key },
    }).then(toCard(child))
  return (
    <ChildForm
      title="Группа здоровья"
      child={child}
      submitLabel="Установить группу"
      errors={errors}
      pending={pending}
      fields={['input.group', 'input.assessedOn']}
      onSubmit={send}
    >
      <SelectField
        label="Группа здоровья"
        field="input.group"
        errors={errors}
        hint="IV и V группы — критерий целевой группы ранней помощи"
        value={group}
        onChange={setGroup}
        options={labelled(HEALTH_GROUP)}
      />
      <DateField
        label="Дата установления"
        field="input.assessedOn"
        errors={errors}
        value={assessedOn}
        onChange={setAssessedOn}
      />
    </ChildForm>
  )
}

/** Lower case, «ё» as «е»: how a search compares words. */
function normalised(text: string) {
  return text.toLowerCase().replaceAll('ё', 'е')
}

/**
 * The МКБ-10 picker: the codes the health subgraph accepts, searched by the beginning of the code or by Russian words
 * of the name, chosen from a list that shows code and name.
 */
function Icd10Picker({
  label,
  field,
  errors,
  token,
  value,
  onChange,
}: {
  label: string
  field: string
  errors: readonly HubError[]
  token: string
  value: string
  onChange: (code: string) => void
}) {
  const state = useOperation(Icd10CodesDocument, {}, token)
  const [search, setSearch] = useState('')
  if (state.status !== 'done') return <Pending state={state} />
  const codes = state.result.data?.icd10Codes ?? []
  const words = normalised(search).split(/\s+/).filter(Boolean)
  const found = codes.filter((code) => {
    const name = normalised(code.name)
    return words.every((word) => code.code.toLowerCase().startsWith(word) || name.includes(word))
  })
  const chosen = codes.find((code) => code.code === value)
  return (
    <fieldset className="picker">
      <legend>{label}</legend>
      <label className="picker-search">
        Поиск по коду или названию
        <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      </label>
      <Field
        label={`Найдено: ${found.length} из ${codes.length}`}
        field={field}
        errors={errors}
        hint={chosen ? `Выбрано: ${chosen.code} — ${chosen.name}` : 'Выберите код в списке'}
      >
        {(control) => (
          <select {...control} size={8} value={value} onChange={(event) => onChange(event.target.value)}>
            {found.map((code) => (
              <option key={code.code} value={code.code}>
                {code.code} — {code.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  )
}

function DiagnosisForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(RecordDiagnosisDocument, token)
  const [key] = useState(idempotencyKey)
  const [icd10, setIcd10] = useState('')
  const [diagnosedOn, setDiagnosedOn] = useState(today())
  const [primary, setPrimary] = useState(true)
  const send = () =>
    submit({ input: { childId: child.id, icd10, diagnosedOn, primary, idempotencyKey: key } }).then(toCard(child))
  return (
    <ChildForm
      title="Диагноз по МКБ-10"
      child={child}
      submitLabel="Записать диагноз"
      errors={errors}
      pending={pending}
      fields={['input.icd10', 'input.diagnosedOn', 'input.primary']}
      onSubmit={send}
    >
      <Icd10Picker
        label="Диагноз по МКБ-10"
        field="input.icd10"
        errors={errors}
        token={token}
        value={icd10}
        onChange={setIcd10}
      />
      <DateField
        label="Дата установления"
        field="input.diagnosedOn"
        errors={errors}
        value={diagnosedOn}
        onChange={setDiagnosedOn}
      />
      <YesNoField
        label="Основной диагноз"
        field="input.primary"
        errors={errors}
        value={primary}
        onChange={setPrimary}
      />
    </ChildForm>
  )
}

function RiskFactorForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(RecordRiskFactorDocument, token)
  const [key] = useState(idempotencyKey)
  const [kind, setKind] = useState<string>('PREMATURITY')
  const [notedOn, setNotedOn] = useState(today())
  const [details, setDetails] = useState('')
  const send = () =>
    submit({
      input: {
        childId: child.id,
        kind: kind as RiskFactorKind,
        notedOn,
        details: details.trim() === '' ? null : details,
        idempotencyKey: key,
      },
    }).then(toCard(child))
  return (
    <ChildForm
      title="Фактор риска"
      child={child}
      submitLabel="Записать фактор риска"
      errors={errors}
      pending={pending}
      fields={['input.kind', 'input.notedOn', 'input.details']}
      onSubmit={send}
    >
      <SelectField
        label="Вид фактора риска"
        field="input.kind"
        errors={errors}
        value={kind}
        onChange={setKind}
        options={labelled(RISK_FACTOR)}
      />
      <DateField label="Дата выявления" field="input.notedOn" errors={errors} value={notedOn} onChange={setNotedOn} />
      <TextField
        label="Уточнение"
        field="input.details"
        errors={errors}
        hint="Необязательно: срок гестации, масса тела и т. п."
        multiline
        maxLength={500}
        value={details}
        onChange={setDetails}
      />
    </ChildForm>
  )
}

function DispensaryStartForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(StartDispensaryObservationDocument, token)
  const [key] = useState(idempotencyKey)
  const [icd10, setIcd10] = useState('')
  const [specialty, setSpecialty] = useState<string>('PAEDIATRICS')
  const [startedOn, setStartedOn] = useState(today())
  const send = () =>
    submit({
      input: {
        childId: child.id,
        icd10,
        specialty: specialty as MedicalSpecialty,
        startedOn,
        idempotencyKey: key,
      },
    }).then(toCard(child))
  return (
    <ChildForm
      title="Взятие под диспансерное наблюдение"
      child={child}
      submitLabel="Взять под наблюдение"
      errors={errors}
      pending={pending}
      fields={['input.icd10', 'input.specialty', 'input.startedOn']}
      onSubmit={send}
    >
      <Icd10Picker
        label="Заболевание (состояние) по МКБ-10"
        field="input.icd10"
        errors={errors}
        token={token}
        value={icd10}
        onChange={setIcd10}
      />
      <SelectField
        label="Специальность наблюдающего врача"
        field="input.specialty"
        errors={errors}
        value={specialty}
        onChange={setSpecialty}
        options={labelled(MEDICAL_SPECIALTY)}
      />
      <DateField
        label="Дата взятия под наблюдение"
        field="input.startedOn"
        errors={errors}
        value={startedOn}
        onChange={setStartedOn}
      />
    </ChildForm>
  )
}

function DispensaryEndForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(EndDispensaryObservationDocument, token)
  const open = (child.health?.dispensaryObservations ?? []).filter((observation) => !observation.endedOn)
  const [observationId, setObservationId] = useState(open[0]?.id ?? '')
  const [endedOn, setEndedOn] = useState(today())
  const [endReason, setEndReason] = useState<string>('RECOVERED')
  const send = () =>
    submit({
      input: { observationId, endedOn, endReason: endReason as DispensaryObservationEndReason },
    }).then(toCard(child))
  return (
    <ChildForm
      title="Прекращение диспансерного наблюдения"
      child={child}
      submitLabel="Прекратить наблюдение"
      errors={errors}
      pending={pending}
      fields={['input.observationId', 'input.endedOn', 'input.endReason']}
      onSubmit={send}
    >
      {open.length === 0 ? (
        <p className="notice">У ребёнка нет текущего диспансерного наблюдения.</p>
      ) : (
        <>
          <SelectField
            label="Наблюдение"
            field="input.observationId"
            errors={errors}
            value={observationId}
            onChange={setObservationId}
            options={open.map((observation) => ({
              value: observation.id,
              label: `${observation.icd10} — ${observation.name}; ${
                MEDICAL_SPECIALTY[observation.specialty] ?? observation.specialty
              }, с ${formatDate(observation.startedOn)}`,
            }))}
          />
          <DateField
            label="Дата прекращения"
            field="input.endedOn"
            errors={errors}
            value={endedOn}
            onChange={setEndedOn}
          />
          <SelectField
            label="Причина прекращения"
            field="input.endReason"
            errors={errors}
            value={endReason}
            onChange={setEndReason}
            options={labelled(DISPENSARY_END_REASON)}
          />
        </>
      )}
    </ChildForm>
  )
}

function EpisodeOpenForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(OpenRehabilitationEpisodeDocument, token)
  const [key] = useState(idempotencyKey)
  const [organisation, setOrganisation] = useState('')
  const [goal, setGoal] = useState('')
  const [startedOn, setStartedOn] = useState(today())
  const send = () =>
    submit({ input: { childId: child.id, organisation, goal, startedOn, idempotencyKey: key } }).then(toCard(child))
  return (
    <ChildForm
      title="Открытие эпизода медицинской реабилитации"
      child={child}
      submitLabel="Открыть эпизод"
      errors={errors}
      pending={pending}
      fields={['input.organisation', 'input.goal', 'input.startedOn']}
      onSubmit={send}
    >
      <TextField
        label="Медицинская организация"
        field="input.organisation"
        errors={errors}
        maxLength={300}
        value={organisation}
        onChange={setOrganisation}
      />
      <TextField
        label="Цель медицинской реабилитации"
        field="input.goal"
        errors={errors}
        multiline
        maxLength={2000}
        value={goal}
        onChange={setGoal}
      />
      <DateField
        label="Дата начала"
        field="input.startedOn"
        errors={errors}
        value={startedOn}
        onChange={setStartedOn}
      />
    </ChildForm>
  )
}

/** The child's episodes of medical rehabilitation still open, by organisation and start. */
function openEpisodes(child: CardChild) {
  return (child.health?.rehabilitationEpisodes ?? [])
    .filter((episode) => !episode.endedOn)
    .map((episode) => ({
      value: episode.id,
      label: `${episode.organisation}: ${episode.goal} (с ${formatDate(episode.startedOn)})`,
    }))
}

function EpisodeCloseForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(CloseRehabilitationEpisodeDocument, token)
  const open = openEpisodes(child)
  const [episodeId, setEpisodeId] = useState(open[0]?.value ?? '')
  const [endedOn, setEndedOn] = useState(today())
  const send = () => submit({ input: { episodeId, endedOn } }).then(toCard(child))
  return (
    <ChildForm
      title="Закрытие эпизода медицинской реабилитации"
      child={child}
      submitLabel="Закрыть эпизод"
      errors={errors}
      pending={pending}
      fields={['input.episodeId', 'input.endedOn']}
      onSubmit={send}
    >
      {open.length === 0 ? (
        <p className="notice">У ребёнка нет открытого эпизода медицинской реабилитации.</p>
      ) : (
        <>
          <SelectField
            label="Эпизод"
            field="input.episodeId"
            errors={errors}
            value={episodeId}
            onChange={setEpisodeId}
            options={open}
          />
          <DateField
            label="Дата окончания"
            field="input.endedOn"
            errors={errors}
            hint="Не раньше начала эпизода и его последнего занятия"
            value={endedOn}
            onChange={setEndedOn}
          />
        </>
      )}
    </ChildForm>
  )
}

function RehabilitationSessionForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(RecordRehabilitationSessionDocument, token)
  const [key] = useState(idempotencyKey)
  const open = openEpisodes(child)
  const planned = plannedServices(child, 'HEALTH')
  const [episodeId, setEpisodeId] = useState(open[0]?.value ?? '')
  const [programmeServiceId, setProgrammeServiceId] = useState('')
  const [heldOn, setHeldOn] = useState(today())
  const [duration, setDuration] = useState('30')
  const [mode, setMode] = useState<string>('IN_CENTRE')
  const [role, setRole] = useState<string>('REHABILITATION_PHYSICIAN')
  const [attended, setAttended] = useState(true)
  const [cancellationReason, setCancellationReason] = useState('')
  const send = () =>
    submit({
      input: {
        episodeId,
        programmeServiceId: programmeServiceId === '' ? null : programmeServiceId,
        heldOn,
        durationMinutes: numberOf(duration),
        mode: mode as RehabilitationSessionMode,
        specialistRole: role as RehabilitationSpecialistRole,
        attended,
        cancellationReason: attended ? null : cancellationReason,
        idempotencyKey: key,
      },
    }).then(toCard(child))
  return (
    <ChildForm
      title="Занятие медицинской реабилитации"
      child={child}
      submitLabel="Записать занятие"
      errors={errors}
      pending={pending}
      fields={[
        'input.episodeId',
        'input.programmeServiceId',
        'input.heldOn',
        'input.durationMinutes',
        'input.mode',
        'input.specialistRole',
        'input.attended',
        'input.cancellationReason',
      ]}
      onSubmit={send}
    >
      {open.length === 0 ? (
        <p className="notice">Сначала откройте эпизод медицинской реабилитации: занятие вносится в эпизод.</p>
      ) : (
        <>
          <SelectField
            label="Эпизод реабилитации"
            field="input.episodeId"
            errors={errors}
            value={episodeId}
            onChange={setEpisodeId}
            options={open}
          />
          <SelectField
            label="Услуга ИПРП"
            field="input.programmeServiceId"
            errors={errors}
            hint="Необязательно: медицинская реабилитация проводится и вне ИПРП"
            value={programmeServiceId}
            onChange={setProgrammeServiceId}
            placeholder="— вне ИПРП —"
            options={planned}
          />
          <DateField label="Дата проведения" field="input.heldOn" errors={errors} value={heldOn} onChange={setHeldOn} />
          <NumberField
            label="Продолжительность, минут"
            field="input.durationMinutes"
            errors={errors}
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
            onChange={setMode}
            options={labelled(REHABILITATION_MODE)}
          />
          <SelectField
            label="Специалист МДРК"
            field="input.specialistRole"
            errors={errors}
            value={role}
            onChange={setRole}
            options={labelled(REHABILITATION_ROLE)}
          />
          <YesNoField
            label="Занятие состоялось"
            field="input.attended"
            errors={errors}
            value={attended}
            onChange={setAttended}
          />
          {!attended && (
            <TextField
              label="Причина отмены"
              field="input.cancellationReason"
              errors={errors}
              maxLength={500}
              value={cancellationReason}
              onChange={setCancellationReason}
            />
          )}
        </>
      )}
    </ChildForm>
  )
}

const HEALTH_FORMS = [
  { slug: 'detection', label: 'Записать событие выявления', Form: DetectionForm },
  { slug: 'health-group', label: 'Установить группу здоровья', Form: HealthGroupForm },
  { slug: 'diagnosis', label: 'Записать диагноз (МКБ-10)', Form: DiagnosisForm },
  { slug: 'risk-factor', label: 'Записать фактор риска', Form: RiskFactorForm },
  { slug: 'dispensary-start', label: 'Взять под диспансерное наблюдение', Form: DispensaryStartForm },
  { slug: 'dispensary-end', label: 'Прекратить диспансерное наблюдение', Form: DispensaryEndForm },
  { slug: 'rehabilitation-open', label: 'Открыть эпизод реабилитации', Form: EpisodeOpenForm },
  { slug: 'rehabilitation-session', label: 'Записать занятие реабилитации', Form: RehabilitationSessionForm },
  { slug: 'rehabilitation-close', label: 'Закрыть эпизод реабилитации', Form: EpisodeCloseForm },
]

export const { routes: HEALTH_ROUTES, actions: HEALTH_ACTIONS } = childForms(
  'health',
  sideStaff('health'),
  HEALTH_FORMS,
)
