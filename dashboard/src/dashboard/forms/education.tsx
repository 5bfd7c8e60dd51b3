import { useState } from 'react'
import {
  ApplyForPreschoolDocument,
  DirectToKindergartenDocument,
  EnrolInKindergartenDocument,
  KindergartensDocument,
  RecordEducationSessionDocument,
  RecordPmpkConclusionDocument,
  WithdrawPreschoolApplicationDocument,
  type DeliveryMode,
  type EducationProgramme,
  type EducationSessionCancellationReason,
  type PreschoolGroupType,
  type PreschoolWithdrawalReason,
  type SpecialistRole,
} from '../../../../schema/__generated__/operations'
import {
  DELIVERY_MODE,
  EARLY_HELP_UNIT_KIND,
  EDUCATION_CANCELLATION_REASON,
  EDUCATION_PROGRAMME,
  formatDate,
  PRESCHOOL_GROUP_TYPE,
  PRESCHOOL_STATUS,
  PRESCHOOL_WITHDRAWAL_REASON,
  SPECIALIST_ROLE,
} from '../labels'
import { Pending } from '../Status'
import { useOperation } from '../useOperation'
import {
  ChildForm,
  DateField,
  childForms,
  labelled,
  plannedServices,
  SelectField,
  SESSION_FIELDS,
  SessionFields,
  sessionInput,
  sideStaff,
  TextField,
  toCard,
  today,
  useSessionDraft,
  YesNoField,
  type CardChild,
} from './controls'
import { idempotencyKey, useMutation } from './kit'

/** Education's forms: the ПМПК conclusion, the preschool queue from application to enrolment, early-help sessions. */

type Props = { child: CardChild; token: string }

function PmpkForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(RecordPmpkConclusionDocument, token)
  const [key] = useState(idempotencyKey)
  const [number, setNumber] = useState('')
  const [commission, setCommission] = useState('')
  const [concludedOn, setConcludedOn] = useState(today())
  const [special, setSpecial] = useState(false)
  const [programme, setProgramme] = useState<string>('GENERAL')
  const [conditions, setConditions] = useState('')
  const send = () =>
    submit({
      input: {
        childId: child.id,
        number,
        commission,
        concludedOn,
        needsSpecialConditions: special,
        recommendedProgramme: programme as EducationProgramme,
        recommendedConditions: conditions
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        idempotencyKey: key,
      },
    }).then(toCard(child))
  return (
    <ChildForm
      title="Заключение ПМПК"
      child={child}
      submitLabel="Внести заключение"
      errors={errors}
      pending={pending}
      fields={[
        'input.number',
        'input.commission',
        'input.concludedOn',
        'input.needsSpecialConditions',
        'input.recommendedProgramme',
        'input.recommendedConditions',
      ]}
      onSubmit={send}
    >
      <TextField
        label="Номер заключения"
        field="input.number"
        errors={errors}
        maxLength={64}
        value={number}
        onChange={setNumber}
      />
      <TextField
        label="Комиссия"
        field="input.commission"
        errors={errors}
        hint="Центральная или территориальная ПМПК"
        maxLength={300}
        value={commission}
        onChange={setCommission}
      />
      <DateField
        label="Дата заключения"
        field="input.concludedOn"
        errors={errors}
        value={concludedOn}
        onChange={setConcludedOn}
      />
      <YesNoField
        label="Нуждается в специальных условиях"
        field="input.needsSpecialConditions"
        errors={errors}
        value={special}
        onChange={setSpecial}
      />
      <SelectField
        label="Рекомендованная образовательная программа"
        field="input.recommendedProgramme"
        errors={errors}
        value={programme}
        onChange={setProgramme}
        options={labelled(EDUCATION_PROGRAMME)}
      />
      <TextField
        label="Рекомендованные специальные условия"
        field="input.recommendedConditions"
        errors={errors}
        hint="Каждое условие — с новой строки"
        multiline
        value={conditions}
        onChange={setConditions}
      />
    </ChildForm>
  )
}

function ApplyForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(ApplyForPreschoolDocument, token)
  const [key] = useState(idempotencyKey)
  const [appliedOn, setAppliedOn] = useState(today())
  const [desiredStartOn, setDesiredStartOn] = useState('')
  const send = () =>
    submit({ input: { childId: child.id, appliedOn, desiredStartOn, idempotencyKey: key } }).then(toCard(child))
  return (
    <ChildForm
      title="Заявление в детский сад"
      child={child}
      submitLabel="Поставить в очередь"
      errors={errors}
      pending={pending}
      fields={['input.appliedOn', 'input.desiredStartOn']}
      onSubmit={send}
    >
      <DateField
        label="Дата подачи заявления"
        field="input.appliedOn"
        errors={errors}
        value={appliedOn}
        onChange={setAppliedOn}
      />
      <DateField
        label="Желаемая дата зачисления"
        field="input.desiredStartOn"
        errors={errors}
        hint="Не раньше даты подачи"
        value={desiredStartOn}
        onChange={setDesiredStartOn}
      />
    </ChildForm>
  )
}

/** The child's applications in the given states, by date and state in Russian. */
function applications(child: CardChild, states: readonly string[]) {
  return (child.education?.preschoolApplications ?? [])
    .filter((application) => states.includes(application.status))
    .map((application) => ({
      value: application.id,
      label: `Заявление от ${formatDate(application.appliedOn)}: ${
        PRESCHOOL_STATUS[application.status] ?? application.status
      }${application.kindergarten ? `, ${application.kindergarten.name}` : ''}`,
    }))
}

/** Kindergartens by name, those of the child's municipality first. */
function useKindergartens(token: string) {
  return useOperation(KindergartensDocument, {}, token)
}

function DirectForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(DirectToKindergartenDocument, token)
  const queued = applications(child, ['QUEUED'])
  const state = useKindergartens(token)
  const [applicationId, setApplicationId] = useState(queued[0]?.value ?? '')
  const [kindergartenId, setKindergartenId] = useState('')
  const [groupType, setGroupType] = useState<string>('GENERAL')
  const send = () =>
    submit({
      input: { applicationId, kindergartenId, groupType: groupType as PreschoolGroupType },
    }).then(toCard(child))
  if (state.status !== 'done') return <Pending state={state} />
  const home = child.municipality?.oktmo
  const kindergartens = [...(state.result.data?.kindergartens ?? [])].sort(
    (a, b) => Number(b.municipality.oktmo === home) - Number(a.municipality.oktmo === home),
  )
  return (
    <ChildForm
      title="Направление в детский сад"
      child={child}
      submitLabel="Выдать направление"
      errors={errors}
      pending={pending}
      fields={['input.applicationId', 'input.kindergartenId', 'input.groupType']}
      onSubmit={send}
    >
      {queued.length === 0 ? (
        <p className="notice">У ребёнка нет заявления в очереди.</p>
      ) : (
        <>
          <SelectField
            label="Заявление"
            field="input.applicationId"
            errors={errors}
            value={applicationId}
            onChange={setApplicationId}
            options={queued}
          />
          <SelectField
            label="Детский сад"
            field="input.kindergartenId"
            errors={errors}
            hint="Сначала — детские сады муниципального образования ребёнка"
            value={kindergartenId}
            onChange={setKindergartenId}
            placeholder="— выберите детский сад —"
            options={kindergartens.map((kindergarten) => ({
              value: kindergarten.id,
              label: `${kindergarten.name} (${kindergarten.municipality.name})`,
            }))}
          />
          <SelectField
            label="Направленность группы"
            field="input.groupType"
            errors={errors}
            hint="Компенсирующая или комбинированная — если последнее заключение ПМПК рекомендует адаптированную программу"
            value={groupType}
            onChange={setGroupType}
            options={labelled(PRESCHOOL_GROUP_TYPE)}
          />
        </>
      )}
    </ChildForm>
  )
}

function EnrolForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(EnrolInKindergartenDocument, token)
  const directed = applications(child, ['DIRECTED'])
  const [applicationId, setApplicationId] = useState(directed[0]?.value ?? '')
  const [enrolledOn, setEnrolledOn] = useState(today())
  const send = () => submit({ input: { applicationId, enrolledOn } }).then(toCard(child))
  return (
    <ChildForm
      title="Зачисление в детский сад"
      child={child}
      submitLabel="Внести зачисление"
      errors={errors}
      pending={pending}
      fields={['input.applicationId', 'input.enrolledOn']}
      onSubmit={send}
    >
      {directed.length === 0 ? (
        <p className="notice">У ребёнка нет заявления с выданным направлением.</p>
      ) : (
        <>
          <SelectField
            label="Заявление с направлением"
            field="input.applicationId"
            errors={errors}
            value={applicationId}
            onChange={setApplicationId}
            options={directed}
          />
          <DateField
            label="Дата зачисления"
            field="input.enrolledOn"
            errors={errors}
            value={enrolledOn}
            onChange={setEnrolledOn}
          />
        </>
      )}
    </ChildForm>
  )
}

function WithdrawForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(WithdrawPreschoolApplicationDocument, token)
  const inForce = applications(child, ['QUEUED', 'DIRECTED'])
  const [applicationId, setApplicationId] = useState(inForce[0]?.value ?? '')
  const [reason, setReason] = useState<string>('PARENTS_REQUEST')
  const send = () =>
    submit({ input: { applicationId, reason: reason as PreschoolWithdrawalReason } }).then(toCard(child))
  return (
    <ChildForm
      title="Отзыв заявления в детский сад"
      child={child}
      submitLabel="Отозвать заявление"
      errors={errors}
      pending={pending}
      fields={['input.applicationId', 'input.reason']}
      onSubmit={send}
    >
      {inForce.length === 0 ? (
        <p className="notice">У ребёнка нет действующего заявления.</p>
      ) : (
        <>
          <SelectField
            label="Заявление"
            field="input.applicationId"
            errors={errors}
            value={applicationId}
            onChange={setApplicationId}
            options={inForce}
          />
          <SelectField
            label="Причина отзыва"
            field="input.reason"
            errors={errors}
            value={reason}
            onChange={setReason}
            options={labelled(PRESCHOOL_WITHDRAWAL_REASON)}
          />
        </>
      )}
    </ChildForm>
  )
}

function EducationSessionForm({ child, token }: Props) {
  const { submit, errors, pending } = useMutation(RecordEducationSessionDocument, token)
  const [key] = useState(idempotencyKey)
  const planned = plannedServices(child, 'EDUCATION')
  const state = useKindergartens(token)
  const [draft, setDraft] = useSessionDraft(planned)
  const [unitId, setUnitId] = useState('')
  const send = () =>
    submit({
      input: {
        childId: child.id,
        unitId,
        ...sessionInput<DeliveryMode, SpecialistRole, EducationSessionCancellationReason>(draft, planned),
        idempotencyKey: key,
      },
    }).then(toCard(child))
  if (state.status !== 'done') return <Pending state={state} />
  const units = (state.result.data?.kindergartens ?? []).flatMap((kindergarten) =>
    kindergarten.earlyHelpUnits.map((unit) => ({
      value: unit.id,
      label: `${unit.name} (${EARLY_HELP_UNIT_KIND[unit.kind] ?? unit.kind}), ${kindergarten.name}`,
    })),
  )
  return (
    <ChildForm
      title="Занятие в подразделении ранней помощи"
      child={child}
      submitLabel="Записать занятие"
      errors={errors}
      pending={pending}
      fields={['input.unitId', ...SESSION_FIELDS]}
      onSubmit={send}
    >
      {planned.length === 0 ? (
        <p className="notice">В подписанной ИПРП ребёнка нет услуг, которые оказывает образование.</p>
      ) : (
        <>
          <SelectField
            label="Подразделение ранней помощи"
            field="input.unitId"
            errors={errors}
            value={unitId}
            onChange={setUnitId}
            placeholder="— выберите подразделение —"
            options={units}
          />
          <SessionFields
            draft={draft}
            onChange={setDraft}
            errors={errors}
            planned={planned}
            modes={DELIVERY_MODE}
            roles={SPECIALIST_ROLE}
            reasons={EDUCATION_CANCELLATION_REASON}
          />
        </>
      )}
    </ChildForm>
  )
}

const EDUCATION_FORMS = [
  { slug: 'pmpk', label: 'Внести заключение ПМПК', Form: PmpkForm },
  { slug: 'preschool-application', label: 'Поставить в очередь в детский сад', Form: ApplyForm },
  { slug: 'preschool-direction', label: 'Выдать направление в детский сад', Form: DirectForm },
  { slug: 'preschool-enrolment', label: 'Внести зачисление в детский сад', Form: EnrolForm },
  { slug: 'preschool-withdrawal', label: 'Отозвать заявление в детский сад', Form: WithdrawForm },
  { slug: 'session', label: 'Записать занятие ранней помощи (образование)', Form: EducationSessionForm },
]

export const { routes: EDUCATION_ROUTES, actions: EDUCATION_ACTIONS } = childForms(
  'education',
  sideStaff('education'),
  EDUCATION_FORMS,
)

/** The steps that place a child in a kindergarten: the transitions queue's rows lead to them. */
export const PRESCHOOL_ACTIONS = EDUCATION_ACTIONS.filter((action) =>
  /\/education\/preschool-(application|direction|enrolment)$/.test(action.path('')),
)
