import type { ReactNode } from 'react'
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
  type KindergartensQuery,
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
  childForms,
  ChildForm,
  date,
  first,
  multiline,
  plannedServices,
  select,
  sessionInput,
  sessionSpecs,
  sessionStart,
  sideStaff,
  text,
  today,
  yesNo,
  type CardChild,
} from './controls'

/** Education's forms: the ПМПК conclusion, the preschool queue from application to enrolment, early-help sessions. */

type Props = { child: CardChild; token: string }

function PmpkForm({ child, token }: Props) {
  return (
    <ChildForm
      child={child}
      token={token}
      document={RecordPmpkConclusionDocument}
      title="Заключение ПМПК"
      submitLabel="Внести заключение"
      initial={{
        number: '',
        commission: '',
        concludedOn: today(),
        needsSpecialConditions: 'no',
        recommendedProgramme: 'GENERAL',
        recommendedConditions: '',
      }}
      input={(values, key) => ({
        childId: child.id,
        number: values.number ?? '',
        commission: values.commission ?? '',
        concludedOn: values.concludedOn ?? '',
        needsSpecialConditions: values.needsSpecialConditions === 'yes',
        recommendedProgramme: values.recommendedProgramme as EducationProgramme,
        recommendedConditions: (values.recommendedConditions ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        idempotencyKey: key,
      })}
      specs={() => [
        text('number', 'Номер заключения', { maxLength: 64 }),
        text('commission', 'Комиссия', { hint: 'Центральная или территориальная ПМПК', maxLength: 300 }),
        date('concludedOn', 'Дата заключения'),
        yesNo('needsSpecialConditions', 'Нуждается в специальных условиях'),
        select('recommendedProgramme', 'Рекомендованная образовательная программа', EDUCATION_PROGRAMME),
        multiline('recommendedConditions', 'Рекомендованные специальные условия', {
          hint: 'Каждое условие — с новой строки',
        }),
      ]}
    />
  )
}

function ApplyForm({ child, token }: Props) {
  return (
    <ChildForm
      child={child}
      token={token}
      document={ApplyForPreschoolDocument}
      title="Заявление в детский сад"
      submitLabel="Поставить в очередь"
      initial={{ appliedOn: today(), desiredStartOn: '' }}
      input={(values, key) => ({
        childId: child.id,
        appliedOn: values.appliedOn ?? '',
        desiredStartOn: values.desiredStartOn ?? '',
        idempotencyKey: key,
      })}
      specs={() => [
        date('appliedOn', 'Дата подачи заявления'),
        date('desiredStartOn', 'Желаемая дата зачисления', 'Не раньше даты подачи'),
      ]}
    />
  )
}

/** The child's applications in the given states, by date and state in Russian. */
function applications(child: CardChild, states: readonly string[]) {
  return (child.education?.preschoolApplications ?? [])
    .filter((application) => states.includes(application.status))
    .map((application) => ({
      value: application.id,
      label: `Заявление от ${formatDate(application.appliedOn)}: ${PRESCHOOL_STATUS[application.status] ?? ''}${
        application.kindergarten ? `, ${application.kindergarten.name}` : ''
      }`,
    }))
}

/** The kindergartens, once read, to choose from. */
function WithKindergartens({
  token,
  children,
}: {
  token: string
  children: (kindergartens: KindergartensQuery['kindergartens']) => ReactNode
}) {
  const state = useOperation(KindergartensDocument, {}, token)
  if (state.status !== 'done') return <Pending state={state} />
  return <>{children(state.result.data?.kindergartens ?? [])}</>
}

function DirectForm({ child, token }: Props) {
  const queued = applications(child, ['QUEUED'])
  return (
    <WithKindergartens token={token}>
      {(all) => {
        // Those of the child's municipality first.
        const home = child.municipality?.oktmo
        const kindergartens = [...all].sort(
          (a, b) => Number(b.municipality.oktmo === home) - Number(a.municipality.oktmo === home),
        )
        return (
          <ChildForm
            child={child}
            token={token}
            document={DirectToKindergartenDocument}
            title="Направление в детский сад"
            submitLabel="Выдать направление"
            unavailable={queued.length === 0 ? 'У ребёнка нет заявления в очереди.' : null}
            initial={{ applicationId: first(queued), kindergartenId: '', groupType: 'GENERAL' }}
            input={(values) => ({
              applicationId: values.applicationId ?? '',
              kindergartenId: values.kindergartenId ?? '',
              groupType: values.groupType as PreschoolGroupType,
            })}
            specs={() => [
              select('applicationId', 'Заявление', queued),
              select(
                'kindergartenId',
                'Детский сад',
                kindergartens.map((kindergarten) => ({
                  value: kindergarten.id,
                  label: `${kindergarten.name} (${kindergarten.municipality.name})`,
                })),
                {
                  hint: 'Сначала — детские сады муниципального образования ребёнка',
                  placeholder: '— выберите детский сад —',
                },
              ),
              select('groupType', 'Направленность группы', PRESCHOOL_GROUP_TYPE, {
                hint: 'Компенсирующая или комбинированная — если последнее заключение ПМПК рекомендует адаптированную программу',
              }),
            ]}
          />
        )
      }}
    </WithKindergartens>
  )
}

function EnrolForm({ child, token }: Props) {
  const directed = applications(child, ['DIRECTED'])
  return (
    <ChildForm
      child={child}
      token={token}
      document={EnrolInKindergartenDocument}
      title="Зачисление в детский сад"
      submitLabel="Внести зачисление"
      unavailable={directed.length === 0 ? 'У ребёнка нет заявления с выданным направлением.' : null}
      initial={{ applicationId: first(directed), enrolledOn: today() }}
      input={(values) => ({ applicationId: values.applicationId ?? '', enrolledOn: values.enrolledOn ?? '' })}
      specs={() => [
        select('applicationId', 'Заявление с направлением', directed),
        date('enrolledOn', 'Дата зачисления'),
      ]}
    />
  )
}

function WithdrawForm({ child, token }: Props) {
  const inForce = applications(child, ['QUEUED', 'DIRECTED'])
  return (
    <ChildForm
      child={child}
      token={token}
      document={WithdrawPreschoolApplicationDocument}
      title="Отзыв заявления в детский сад"
      submitLabel="Отозвать заявление"
      unavailable={inForce.length === 0 ? 'У ребёнка нет действующего заявления.' : null}
      initial={{ applicationId: first(inForce), reason: 'PARENTS_REQUEST' }}
      input={(values) => ({
        applicationId: values.applicationId ?? '',
        reason: values.reason as PreschoolWithdrawalReason,
      })}
      specs={() => [
        select('applicationId', 'Заявление', inForce),
        select('reason', 'Причина отзыва', PRESCHOOL_WITHDRAWAL_REASON),
      ]}
    />
  )
}

function EducationSessionForm({ child, token }: Props) {
  const planned = plannedServices(child, 'EDUCATION')
  return (
    <WithKindergartens token={token}>
      {(kindergartens) => {
        const units = kindergartens.flatMap((kindergarten) =>
          kindergarten.earlyHelpUnits.map((unit) => ({
            value: unit.id,
            label: `${unit.name} (${EARLY_HELP_UNIT_KIND[unit.kind] ?? ''}), ${kindergarten.name}`,
          })),
        )
        return (
          <ChildForm
            child={child}
            token={token}
            document={RecordEducationSessionDocument}
            title="Занятие в подразделении ранней помощи"
            submitLabel="Записать занятие"
            unavailable={
              planned.length === 0 ? 'В подписанной ИПРП ребёнка нет услуг, которые оказывает образование.' : null
            }
            initial={{ ...sessionStart(planned), unitId: '' }}
            input={(values, key) => ({
              childId: child.id,
              unitId: values.unitId ?? '',
              ...sessionInput<DeliveryMode, SpecialistRole, EducationSessionCancellationReason>(values, planned),
              idempotencyKey: key,
            })}
            specs={(values) => [
              select('unitId', 'Подразделение ранней помощи', units, { placeholder: '— выберите подразделение —' }),
              ...sessionSpecs(values, planned, {
                modes: DELIVERY_MODE,
                roles: SPECIALIST_ROLE,
                reasons: EDUCATION_CANCELLATION_REASON,
              }),
            ]}
          />
        )
      }}
    </WithKindergartens>
  )
}

export const { routes: EDUCATION_ROUTES, actions: EDUCATION_ACTIONS } = childForms(
  'education',
  sideStaff('education'),
  [
    { slug: 'pmpk', label: 'Внести заключение ПМПК', Form: PmpkForm },
    { slug: 'preschool-application', label: 'Поставить в очередь в детский сад', Form: ApplyForm },
    { slug: 'preschool-direction', label: 'Выдать направление в детский сад', Form: DirectForm },
    { slug: 'preschool-enrolment', label: 'Внести зачисление в детский сад', Form: EnrolForm },
    { slug: 'preschool-withdrawal', label: 'Отозвать заявление в детский сад', Form: WithdrawForm },
    { slug: 'session', label: 'Записать занятие ранней помощи (образование)', Form: EducationSessionForm },
  ],
)
