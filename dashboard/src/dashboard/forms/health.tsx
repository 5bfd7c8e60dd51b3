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
  childForms,
  ChildForm,
  date,
  first,
  multiline,
  number,
  numberOf,
  optional,
  plannedServices,
  select,
  sideStaff,
  text,
  today,
  yesNo,
  type CardChild,
  type Spec,
} from './controls'
import { Field } from './kit'

/** Health's forms: what a medical organisation records about a child, each on the child's card's path. */

type Props = { child: CardChild; token: string }

/** Lower case, «ё» as «е»: how a search compares words. */
function normalised(value: string) {
  return value.toLowerCase().replaceAll('ё', 'е')
}

/**
 * The МКБ-10 picker: the codes the health subgraph accepts, searched by the beginning of the code or by Russian words
 * of the name, chosen from a list that shows code and name.
 */
function Icd10Picker({
  label,
  errors,
  token,
  value,
  onChange,
}: {
  label: string
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
    <fieldset className="icd10-picker">
      <legend>{label}</legend>
      <label className="picker-search">
        Поиск по коду или названию
        <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      </label>
      <Field
        label={`Найдено: ${found.length} из ${codes.length}`}
        field="input.icd10"
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

const icd10 = (label: string, token: string): Spec => ({
  kind: 'custom',
  name: 'icd10',
  render: (value, onChange, errors) => (
    <Icd10Picker label={label} errors={errors} token={token} value={value} onChange={onChange} />
  ),
})

function DetectionForm({ child, token }: Props) {
  return (
    <ChildForm
      child={child}
      token={token}
      document={RecordDetectionEventDocument}
      title="Событие выявления"
      submitLabel="Записать событие"
      initial={{ kind: 'NEONATAL_SCREENING', result: '', occurredOn: today(), organisation: '' }}
      input={(values, key) => ({
        childId: child.id,
        kind: values.kind as DetectionKind,
        result: optional(values.result) as ScreeningResult | null,
        occurredOn: values.occurredOn ?? '',
        organisation: values.organisation ?? '',
        idempotencyKey: key,
      })}
      specs={() => [
        select('kind', 'Вид события', DETECTION_KIND),
        select('result', 'Результат скрининга', SCREENING_RESULT, {
          hint: 'Обязателен для неонатального и аудиологического скрининга',
          placeholder: '— без результата (осмотр, консультация) —',
        }),
        date('occurredOn', 'Дата'),
        text('organisation', 'Медицинская организация', { maxLength: 300 }),
      ]}
    />
  )
}

function HealthGroupForm({ child, token }: Props) {
  return (
    <ChildForm
      child={child}
      token={token}
      document={AssessHealthGroupDocument}
      title="Группа здоровья"
      submitLabel="Установить группу"
      initial={{ group: child.health?.healthGroup?.group ?? 'I', assessedOn: today() }}
      input={(values, key) => ({
        childId: child.id,
        group: values.group as HealthGroup,
        assessedOn: values.assessedOn ?? '',
        idempotencyKey: key,
      })}
      specs={() => [
        select('group', 'Группа здоровья', HEALTH_GROUP, {
          hint: 'IV и V группы — критерий целевой группы ранней помощи',
        }),
        date('assessedOn', 'Дата установления'),
      ]}
    />
  )
}

function DiagnosisForm({ child, token }: Props) {
  return (
    <ChildForm
      child={child}
      token={token}
      document={RecordDiagnosisDocument}
      title="Диагноз по МКБ-10"
      submitLabel="Записать диагноз"
      initial={{ icd10: '', diagnosedOn: today(), primary: 'yes' }}
      input={(values, key) => ({
        childId: child.id,
        icd10: values.icd10 ?? '',
        diagnosedOn: values.diagnosedOn ?? '',
        primary: values.primary === 'yes',
        idempotencyKey: key,
      })}
      specs={() => [
        icd10('Диагноз по МКБ-10', token),
        date('diagnosedOn', 'Дата установления'),
        yesNo('primary', 'Основной диагноз'),
      ]}
    />
  )
}

function RiskFactorForm({ child, token }: Props) {
  return (
    <ChildForm
      child={child}
      token={token}
      document={RecordRiskFactorDocument}
      title="Фактор риска"
      submitLabel="Записать фактор риска"
      initial={{ kind: 'PREMATURITY', notedOn: today(), details: '' }}
      input={(values, key) => ({
        childId: child.id,
        kind: values.kind as RiskFactorKind,
        notedOn: values.notedOn ?? '',
        details: optional(values.details),
        idempotencyKey: key,
      })}
      specs={() => [
        select('kind', 'Вид фактора риска', RISK_FACTOR),
        date('notedOn', 'Дата выявления'),
        multiline('details', 'Уточнение', {
          hint: 'Необязательно: срок гестации, масса тела и т. п.',
          maxLength: 500,
        }),
      ]}
    />
  )
}

function DispensaryStartForm({ child, token }: Props) {
  return (
    <ChildForm
      child={child}
      token={token}
      document={StartDispensaryObservationDocument}
      title="Взятие под диспансерное наблюдение"
      submitLabel="Взять под наблюдение"
      initial={{ icd10: '', specialty: 'PAEDIATRICS', startedOn: today() }}
      input={(values, key) => ({
        childId: child.id,
        icd10: values.icd10 ?? '',
        specialty: values.specialty as MedicalSpecialty,
        startedOn: values.startedOn ?? '',
        idempotencyKey: key,
      })}
      specs={() => [
        icd10('Заболевание (состояние) по МКБ-10', token),
        select('specialty', 'Специальность наблюдающего врача', MEDICAL_SPECIALTY),
        date('startedOn', 'Дата взятия под наблюдение'),
      ]}
    />
  )
}

function DispensaryEndForm({ child, token }: Props) {
  const open = (child.health?.dispensaryObservations ?? [])
    .filter((observation) => !observation.endedOn)
    .map((observation) => ({
      value: observation.id,
      label: `${observation.icd10} — ${observation.name}; ${MEDICAL_SPECIALTY[observation.specialty] ?? ''}, с ${formatDate(
        observation.startedOn,
      )}`,
    }))
  return (
    <ChildForm
      child={child}
      token={token}
      document={EndDispensaryObservationDocument}
      title="Прекращение диспансерного наблюдения"
      submitLabel="Прекратить наблюдение"
      unavailable={open.length === 0 ? 'У ребёнка нет текущего диспансерного наблюдения.' : null}
      initial={{ observationId: first(open), endedOn: today(), endReason: 'RECOVERED' }}
      input={(values) => ({
        observationId: values.observationId ?? '',
        endedOn: values.endedOn ?? '',
        endReason: values.endReason as DispensaryObservationEndReason,
      })}
      specs={() => [
        select('observationId', 'Наблюдение', open),
        date('endedOn', 'Дата прекращения'),
        select('endReason', 'Причина прекращения', DISPENSARY_END_REASON),
      ]}
    />
  )
}

function EpisodeOpenForm({ child, token }: Props) {
  return (
    <ChildForm
      child={child}
      token={token}
      document={OpenRehabilitationEpisodeDocument}
      title="Открытие эпизода медицинской реабилитации"
      submitLabel="Открыть эпизод"
      initial={{ organisation: '', goal: '', startedOn: today() }}
      input={(values, key) => ({
        childId: child.id,
        organisation: values.organisation ?? '',
        goal: values.goal ?? '',
        startedOn: values.startedOn ?? '',
        idempotencyKey: key,
      })}
      specs={() => [
        text('organisation', 'Медицинская организация', { maxLength: 300 }),
        multiline('goal', 'Цель медицинской реабилитации', { maxLength: 2000 }),
        date('startedOn', 'Дата начала'),
      ]}
    />
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
  const open = openEpisodes(child)
  return (
    <ChildForm
      child={child}
      token={token}
      document={CloseRehabilitationEpisodeDocument}
      title="Закрытие эпизода медицинской реабилитации"
      submitLabel="Закрыть эпизод"
      unavailable={open.length === 0 ? 'У ребёнка нет открытого эпизода медицинской реабилитации.' : null}
      initial={{ episodeId: first(open), endedOn: today() }}
      input={(values) => ({ episodeId: values.episodeId ?? '', endedOn: values.endedOn ?? '' })}
      specs={() => [
        select('episodeId', 'Эпизод', open),
        date('endedOn', 'Дата окончания', 'Не раньше начала эпизода и его последнего занятия'),
      ]}
    />
  )
}

function RehabilitationSessionForm({ child, token }: Props) {
  const open = openEpisodes(child)
  return (
    <ChildForm
      child={child}
      token={token}
      document={RecordRehabilitationSessionDocument}
      title="Занятие медицинской реабилитации"
      submitLabel="Записать занятие"
      unavailable={
        open.length === 0 ? 'Сначала откройте эпизод медицинской реабилитации: занятие вносится в эпизод.' : null
      }
      initial={{
        episodeId: first(open),
        programmeServiceId: '',
        heldOn: today(),
        durationMinutes: '30',
        mode: 'IN_CENTRE',
        specialistRole: 'REHABILITATION_PHYSICIAN',
        attended: 'yes',
        cancellationReason: '',
      }}
      input={(values, key) => ({
        episodeId: values.episodeId ?? '',
        programmeServiceId: optional(values.programmeServiceId),
        heldOn: values.heldOn ?? '',
        durationMinutes: numberOf(values.durationMinutes),
        mode: values.mode as RehabilitationSessionMode,
        specialistRole: values.specialistRole as RehabilitationSpecialistRole,
        attended: values.attended === 'yes',
        cancellationReason: values.attended === 'yes' ? null : (values.cancellationReason ?? ''),
        idempotencyKey: key,
      })}
      specs={(values) => [
        select('episodeId', 'Эпизод реабилитации', open),
        select('programmeServiceId', 'Услуга ИПРП', plannedServices(child, 'HEALTH'), {
          hint: 'Необязательно: медицинская реабилитация проводится и вне ИПРП',
          placeholder: '— вне ИПРП —',
        }),
        date('heldOn', 'Дата проведения'),
        number('durationMinutes', 'Продолжительность, минут', { min: 1, max: 480 }),
        select('mode', 'Форма проведения', REHABILITATION_MODE),
        select('specialistRole', 'Специалист МДРК', REHABILITATION_ROLE),
        yesNo('attended', 'Занятие состоялось'),
        ...(values.attended === 'yes' ? [] : [text('cancellationReason', 'Причина отмены', { maxLength: 500 })]),
      ]}
    />
  )
}

export const { routes: HEALTH_ROUTES, actions: HEALTH_ACTIONS } = childForms('health', sideStaff('health'), [
  { slug: 'detection', label: 'Записать событие выявления', Form: DetectionForm },
  { slug: 'health-group', label: 'Установить группу здоровья', Form: HealthGroupForm },
  { slug: 'diagnosis', label: 'Записать диагноз (МКБ-10)', Form: DiagnosisForm },
  { slug: 'risk-factor', label: 'Записать фактор риска', Form: RiskFactorForm },
  { slug: 'dispensary-start', label: 'Взять под диспансерное наблюдение', Form: DispensaryStartForm },
  { slug: 'dispensary-end', label: 'Прекратить диспансерное наблюдение', Form: DispensaryEndForm },
  { slug: 'rehabilitation-open', label: 'Открыть эпизод реабилитации', Form: EpisodeOpenForm },
  { slug: 'rehabilitation-session', label: 'Записать занятие реабилитации', Form: RehabilitationSessionForm },
  { slug: 'rehabilitation-close', label: 'Закрыть эпизод реабилитации', Form: EpisodeCloseForm },
])
