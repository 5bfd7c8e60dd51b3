import { regionDay } from '@hub/platform/region-time'
import type { ReactNode } from 'react'
import { ChildCardDocument, ChildMergesDocument, type ChildCardQuery } from '../../../schema/__generated__/operations'
import { enumLabels } from '../shared/__generated__/enum-labels'
import type { HubError } from '../shared/graphql'
import { readClaims } from '../shared/session'
import { programmeSteps, referralSteps, StepLinks } from './forms/pathway'
import { formatDate } from './labels'
import type { Claims } from './roles'
import { Link } from './navigation'
import { describeError } from '../shared/errors'
import { refusalsUnder, UNAVAILABLE_NOTICE, unavailableSides } from './notices'
import { OtherErrors, Pending } from './Status'
import { useOperation } from './useOperation'
import { PrintButton } from './print'
import { ScansBlock } from './ScansBlock'

type Child = NonNullable<ChildCardQuery['child']>
type Path = readonly (string | number)[]

/** The Russian label of an enum value, or a dash where the value is not set. */
function named<Value extends string>(labels: Readonly<Record<Value, string>>, value: Value | null | undefined) {
  return value ? labels[value] : '—'
}

/** A term from–to as Russians write it; an open end says so. */
function term(from: string | null | undefined, to: string | null | undefined, open = 'бессрочно') {
  return `${formatDate(from)} — ${to ? formatDate(to) : open}`
}

/** «N дней» with the right Russian form of the noun. */
function days(count: number) {
  const tens = count % 100
  const units = count % 10
  const noun = tens >= 11 && tens <= 14 ? 'дней' : units === 1 ? 'день' : units >= 2 && units <= 4 ? 'дня' : 'дней'
  return `${count} ${noun}`
}

/** Days from today to a date of the API (YYYY-MM-DD), negative once it has passed. */
function daysUntil(date: string) {
  return Math.round((Date.parse(date) - Date.parse(regionDay())) / 86_400_000)
}

/** What is left of a clock: done, stopped, days left or days overdue. */
function clockLeft(clock: { dueOn: string; completedOn?: string | null; status: string }) {
  if (clock.completedOn) return `выполнено ${formatDate(clock.completedOn)}`
  if (clock.status === 'PAUSED') return 'срок приостановлен'
  const left = daysUntil(clock.dueOn)
  return left >= 0 ? `осталось ${days(left)}` : `просрочено на ${days(-left)}`
}

/** A table with Russian headings; an empty list says so, a list the answer left out (null) shows nothing. */
function Table({ caption, head, rows }: { caption?: string; head: string[]; rows: ReactNode[][] | null | undefined }) {
  if (!rows) return null
  if (rows.length === 0) {
    return <p className="muted">{caption ? `${caption}: нет записей` : 'Нет записей'}</p>
  }
  return (
    <table>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {head.map((cell) => (
            <th key={cell} scope="col">
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((cells, row) => (
          <tr key={row}>
            {cells.map((cell, column) => (
              <td key={column}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A definition list of label → value pairs. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * «Нет доступа» for each distinct refusal of the answer under a path. `exact` keeps only refusals of that field
 * itself, so a side's part does not repeat what its subsections explain.
 */
function Denied({ errors, path, exact = false }: { errors: readonly HubError[]; path: Path; exact?: boolean }) {
  const refusals = refusalsUnder(errors, path).filter((error) => !exact || error.path?.length === path.length)
  const reasons = [...new Set(refusals.map((error) => describeError(error).text))]
  if (reasons.length === 0) return null
  return (
    <div className="notice notice-forbidden">
      {reasons.map((reason) => (
        <p key={reason}>{reason}</p>
      ))}
    </div>
  )
}

/** One collapsible section of the card, a region named by its heading. */
function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card-block" aria-label={title}>
      <details open>
        <summary>
          <h2>{title}</h2>
        </summary>
        {children}
      </details>
    </section>
  )
}

/**
 * One side's part of the card. Null has three meanings, each told apart: the side's subgraph is down
 * (UNAVAILABLE naming it), the viewer may not see it (FORBIDDEN on the field), or there is nothing recorded.
 */
function SidePart({
  title,
  side,
  field,
  errors,
  children,
}: {
  title: string
  side: string
  field: keyof Child
  errors: readonly HubError[]
  children: ReactNode | null
}) {
  const down = unavailableSides(errors).includes(side)
  const refused = refusalsUnder(errors, ['child', field]).some((error) => error.path?.length === 2)
  return (
    <Block title={title}>
      {down && (
        <p className="notice notice-unavailable" role="status">
          {UNAVAILABLE_NOTICE[side]}
        </p>
      )}
      <Denied errors={errors} path={['child', field]} exact />
      {children ?? (!down && !refused && <p className="muted">Нет сведений</p>)}
    </Block>
  )
}

function Family({ family }: { family: NonNullable<Child['family']> }) {
  return (
    <>
      <Facts
        items={[
          ['Адрес', `${family.address ?? 'адрес не указан'}, ${family.municipality.name}`],
          ['Социально опасное положение', family.inSop ? 'да, семья в СОП' : 'нет'],
        ]}
      />
      <Table
        caption="Члены семьи"
        head={['ФИО', 'Кем приходится', 'Дата рождения', 'Контакты', 'Проживает с семьёй']}
        rows={family.members.map((member) => [
          member.fullName,
          enumLabels.Kinship[member.kinship],
          formatDate(member.birthDate),
          member.contacts.length === 0
            ? '—'
            : member.contacts.map((contact) => (
                <div key={contact.id}>
                  {enumLabels.ContactKind[contact.kind]}: {contact.value}
                </div>
              )),
          member.leftOn ? `нет, с ${formatDate(member.leftOn)}` : 'да',
        ])}
      />
      <Table
        caption="Законные представители"
        head={['ФИО', 'Кем приходится', 'Документ — основание', 'Срок полномочий', 'Действуют сегодня']}
        rows={family.representationHistory.map((representative) => [
          representative.fullName,
          enumLabels.RepresentativeRelation[representative.relation],
          representative.documentBasis ?? '—',
          term(representative.validFrom, representative.validTo),
          representative.inForce ? 'да' : 'нет',
        ])}
      />
      <Table
        caption="Положение семьи"
        head={['Вид', 'Решение', 'Действует']}
        rows={family.situations.map((situation) => [
          enumLabels.FamilySituationKind[situation.kind],
          `№ ${situation.decisionNumber} от ${formatDate(situation.decidedOn)}`,
          term(situation.decidedOn, situation.endedOn, 'по настоящее время'),
        ])}
      />
    </>
  )
}

function Consents({ consents, token }: { consents: NonNullable<Child['consents']>; token: string }) {
  return (
    <Table
      head={['Цель', 'Получатель', 'Сведения', 'Подписал', 'Документ', 'Дано', 'Отозвано', 'Печать']}
      rows={consents.map((consent) => [
        enumLabels.AccessPurpose[consent.purpose],
        consent.recipientProvider?.name ?? named(enumLabels.ConsentRecipientSide, consent.recipientSide),
        <ul className="plain" key="scopes">
          {consent.scopes.map((scope) => (
            <li key={scope}>{enumLabels.ConsentScope[scope]}</li>
          ))}
        </ul>,
        consent.representative.fullName,
        consent.document,
        formatDate(consent.givenAt),
        consent.revokedAt
          ? `${formatDate(consent.revokedAt)}${consent.revocationNote ? ` (${consent.revocationNote})` : ''}`
          : 'не отозвано',
        <PrintButton key="print" kind="consent" id={consent.id} label="Печать согласия" token={token} />,
      ])}
    />
  )
}

function Referrals({
  referrals,
  claims,
  token,
}: {
  referrals: Child['referrals']
  claims: Claims | null
  token: string
}) {
  if (referrals.length === 0) return <p className="muted">Нет записей</p>
  return (
    <>
      {referrals.map((referral) => (
        <article
          key={referral.id}
          className="card-item"
          aria-label={`Направление от ${formatDate(referral.receivedOn)}`}
        >
          <h3>
            Направление от {formatDate(referral.receivedOn)} — {referral.provider.name}
          </h3>
          <div className="record-actions">
            <StepLinks steps={referralSteps(referral, claims)} />
            <PrintButton kind="referral" id={referral.id} label="Печать направления" token={token} />
          </div>
          <Facts
            items={[
              ['Направил', `${enumLabels.Side[referral.fromSide]}: ${referral.fromOrganisation}`],
              ['Основание', referral.reason],
              [
                'Состояние',
                `${enumLabels.ReferralStatus[referral.status]}${referral.decidedOn ? `, решение ${formatDate(referral.decidedOn)}` : ''}`,
              ],
              ...(referral.rejectionReason
                ? ([
                    [
                      'Причина отказа',
                      `${enumLabels.ReferralRejectionReason[referral.rejectionReason]}${referral.rejectionNote ? `: ${referral.rejectionNote}` : ''}`,
                    ],
                  ] as [string, ReactNode][])
                : []),
              [
                'Нуждаемость',
                referral.needOutcome
                  ? `${enumLabels.NeedOutcome[referral.needOutcome]}, ${formatDate(referral.needDeterminedOn)}${referral.needNote ? ` (${referral.needNote})` : ''}`
                  : 'не определена',
              ],
              ['ИПРП подписана', formatDate(referral.programmeSignedOn)],
            ]}
          />
          <Table
            caption="Сроки"
            head={['Срок', 'Начало отсчёта', 'Последний день', 'Состояние', 'Осталось']}
            rows={referral.clocks.map((clock) => [
              enumLabels.DeadlineClockCode[clock.code],
              formatDate(clock.startedOn),
              formatDate(clock.dueOn),
              enumLabels.ClockStatus[clock.status],
              clockLeft(clock),
            ])}
          />
          <Table
            caption="Приостановления сроков"
            head={['Причина', 'Пояснение', 'Период']}
            rows={referral.pauses.map((pause) => [
              enumLabels.PauseReason[pause.reason],
              pause.note ?? '—',
              term(pause.startedOn, pause.endedOn, 'продолжается'),
            ])}
          />
        </article>
      ))}
    </>
  )
}

/** Sessions a side delivered against each item of the programme: held and not held. */
type Delivered = Map<string, { held: number; missed: number }>

function deliveredByItem(sessions: readonly { attended: boolean; programmeService?: { id: string } | null }[]) {
  const byItem: Delivered = new Map()
  for (const session of sessions) {
    if (!session.programmeService) continue
    const counts = byItem.get(session.programmeService.id) ?? { held: 0, missed: 0 }
    if (session.attended) counts.held += 1
    else counts.missed += 1
    byItem.set(session.programmeService.id, counts)
  }
  return byItem
}

const DELIVERING_SIDES = ['SOCIAL', 'HEALTH', 'EDUCATION', 'NGO'] as const

/** Each side's sessions by programme item; null where the side's part is hidden or its subgraph is down. */
function deliveries(child: Child): Record<(typeof DELIVERING_SIDES)[number], Delivered | null> {
  return {
    SOCIAL: deliveredByItem(child.socialSessions),
    HEALTH: child.health
      ? deliveredByItem(child.health.rehabilitationEpisodes.flatMap((episode) => episode.sessions))
      : null,
    EDUCATION: child.education ? deliveredByItem(child.education.sessions) : null,
    NGO: child.ngo ? deliveredByItem(child.ngo.sessions) : null,
  }
}

function deliveredText(delivered: Delivered | null, itemId: string) {
  // The side's part is hidden from the viewer or its ministry did not answer; its own section says which and why.
  if (!delivered) return 'сведения закрыты или недоступны'
  const counts = delivered.get(itemId)
  if (!counts) return '0'
  return counts.missed > 0 ? `${counts.held} (не состоялось: ${counts.missed})` : String(counts.held)
}

function Programmes({ child, claims, token }: { child: Child; claims: Claims | null; token: string }) {
  if (child.programmes.length === 0) return <p className="muted">Нет записей</p>
  const delivered = deliveries(child)
  return (
    <>
      {child.programmes.map((programme) => (
        <article key={programme.id} className="card-item" aria-label={`ИПРП, версия ${programme.version}`}>
          <h3>
            ИПРП, версия {programme.version} — {enumLabels.ProgrammeStatus[programme.status]}
          </h3>
          <div className="record-actions">
            <StepLinks steps={programmeSteps(child.id, programme, claims)} />
            <PrintButton kind="programme" id={programme.id} label="Печать ИПРП (PDF)" token={token} />
          </div>
          <Facts
            items={[
              ['Поставщик', programme.provider.name],
              ['Ведущий специалист', named(enumLabels.SpecialistRole, programme.leadSpecialistRole)],
              [
                'Куратор',
                programme.lead ? `${programme.lead.name}, с ${formatDate(programme.lead.since)}` : 'не назначен',
              ],
              [
                'Подписана',
                programme.signedOn
                  ? `${formatDate(programme.signedOn)}${programme.signedBy ? `, ${programme.signedBy.fullName}` : ''}`
                  : 'не подписана',
              ],
              [
                'Очередная оценка',
                programme.reviewClock
                  ? `до ${formatDate(programme.reviewClock.dueOn)}: ${clockLeft(programme.reviewClock)}`
                  : '—',
              ],
              [
                'Планирование перехода',
                programme.transitionClock
                  ? `с ${formatDate(programme.transitionClock.startedOn)} до ${formatDate(programme.transitionClock.dueOn)}: ${clockLeft(programme.transitionClock)}`
                  : '—',
              ],
              ...(programme.closedOn
                ? ([
                    [
                      'Завершена',
                      `${formatDate(programme.closedOn)}, ${named(enumLabels.ExitReason, programme.exitReason)}`,
                    ],
                  ] as [string, ReactNode][])
                : []),
            ]}
          />
          <Table
            caption="Цели (МКФ-ДП)"
            head={['Код МКФ-ДП', 'Цель', 'Исходный определитель', 'Целевой определитель', 'Оценки']}
            rows={programme.goals.map((goal) => [
              <code key="code">{goal.icfCode}</code>,
              goal.description,
              goal.baselineQualifier,
              goal.targetQualifier,
              programme.reviews
                .flatMap((review) =>
                  review.ratings
                    .filter((rating) => rating.icfCode === goal.icfCode)
                    .map((rating) => `${formatDate(review.reviewedOn)}: ${rating.qualifier}`),
                )
                .join('; ') || 'не оценивалась',
            ])}
          />
          <Table
            caption="Оценки реализации"
            head={['Вид', 'Дата', 'Определители по МКФ-ДП', 'Заключение']}
            rows={programme.reviews.map((review) => [
              enumLabels.ProgrammeReviewKind[review.kind],
              formatDate(review.reviewedOn),
              review.ratings.map((rating) => `${rating.icfCode}: ${rating.qualifier}`).join('; ') || '—',
              review.note ?? '—',
            ])}
          />
          <Table
            caption="Услуги по плану и проведённые занятия"
            head={[
              'Услуга',
              'Ответственное ведомство, поставщик',
              'План',
              ...DELIVERING_SIDES.map((side) => `Проведено: ${enumLabels.Side[side]}`),
            ]}
            rows={programme.services.map((item) => [
              item.serviceType.name,
              `${enumLabels.Side[item.responsibleSide]}: ${item.provider.name}`,
              `${item.sessionsPerMonth} в месяц по ${item.durationMinutes} мин, ${enumLabels.DeliveryMode[item.mode].toLowerCase()}`,
              ...DELIVERING_SIDES.map((side) => deliveredText(delivered[side], item.id)),
            ])}
          />
        </article>
      ))}
    </>
  )
}

/** The sessions of one side: date, service, length, form, specialist, held or why not. */
function Sessions({
  caption,
  rows,
}: {
  caption: string
  rows: {
    id: string
    on: string
    where?: string
    service: string
    minutes: number
    mode: string
    specialist: string
    held: boolean
    whyNot: string | null
  }[]
}) {
  return (
    <Table
      caption={caption}
      head={['Дата', 'Услуга', 'Минут', 'Форма', 'Специалист', 'Состоялось']}
      rows={rows.map((session) => [
        formatDate(session.on),
        session.where ? `${session.service} (${session.where})` : session.service,
        session.minutes,
        session.mode,
        session.specialist,
        session.held ? 'да' : `нет${session.whyNot ? `: ${session.whyNot}` : ''}`,
      ])}
    />
  )
}

function Health({ health }: { health: NonNullable<Child['health']> }) {
  return (
    <>
      <Facts
        items={[
          [
            'Группа здоровья',
            health.healthGroup
              ? `${enumLabels.HealthGroup[health.healthGroup.group]}, установлена ${formatDate(health.healthGroup.assessedOn)}`
              : 'не установлена',
          ],
        ]}
      />
      <Table
        caption="Диагнозы (МКБ-10)"
        head={['Код', 'Наименование', 'Установлен', 'Основной']}
        rows={health.diagnoses.map((d) => [d.icd10, d.name, formatDate(d.diagnosedOn), d.primary ? 'да' : 'нет'])}
      />
      <Table
        caption="Выявление"
        head={['Событие', 'Результат', 'Дата', 'Организация']}
        rows={health.detectionEvents.map((e) => [
          enumLabels.DetectionKind[e.kind],
          named(enumLabels.ScreeningResult, e.result),
          formatDate(e.occurredOn),
          e.organisation,
        ])}
      />
      <Table
        caption="Факторы риска"
        head={['Фактор', 'Уточнение', 'Выявлен']}
        rows={health.riskFactors.map((r) => [
          enumLabels.RiskFactorKind[r.kind],
          r.details ?? '—',
          formatDate(r.notedOn),
        ])}
      />
      <Table
        caption="Диспансерное наблюдение"
        head={['Код МКБ-10', 'Заболевание', 'Врач', 'Период', 'Причина прекращения']}
        rows={health.dispensaryObservations.map((o) => [
          o.icd10,
          o.name,
          enumLabels.MedicalSpecialty[o.specialty],
          term(o.startedOn, o.endedOn, 'продолжается'),
          named(enumLabels.DispensaryObservationEndReason, o.endReason),
        ])}
      />
      {health.rehabilitationEpisodes.length === 0 && <p className="muted">Медицинская реабилитация: нет записей</p>}
      {health.rehabilitationEpisodes.map((episode) => (
        <div key={episode.id}>
          <h3>
            Медицинская реабилитация: {episode.organisation}, {term(episode.startedOn, episode.endedOn, 'продолжается')}
          </h3>
          <p>Цель: {episode.goal}</p>
          <Sessions
            caption="Занятия медицинской реабилитации"
            rows={episode.sessions.map((s) => ({
              id: s.id,
              on: s.heldOn,
              service: s.programmeService ? `по ИПРП: ${s.programmeService.serviceType.name}` : 'вне ИПРП',
              minutes: s.durationMinutes,
              mode: enumLabels.RehabilitationSessionMode[s.mode],
              specialist: enumLabels.RehabilitationSpecialistRole[s.specialistRole],
              held: s.attended,
              whyNot: s.cancellationReason ?? null,
            }))}
          />
        </div>
      ))}
    </>
  )
}

function Education({ education, errors }: { education: NonNullable<Child['education']>; errors: readonly HubError[] }) {
  const transition = education.transition
  return (
    <>
      <Denied errors={errors} path={['child', 'education', 'pmpkConclusions']} />
      <Table
        caption="Заключения ПМПК"
        head={['Номер', 'Комиссия', 'Дата', 'Программа', 'Специальные условия']}
        rows={education.pmpkConclusions?.map((p) => [
          p.number,
          p.commission,
          formatDate(p.concludedOn),
          enumLabels.EducationProgramme[p.recommendedProgramme],
          p.needsSpecialConditions ? p.recommendedConditions.join('; ') || 'нужны' : 'не нужны',
        ])}
      />
      <Table
        caption="Очередь в детский сад"
        head={['Подано', 'Желаемая дата', 'Состояние', 'Детский сад', 'Группа', 'Зачислен']}
        rows={education.preschoolApplications.map((a) => [
          formatDate(a.appliedOn),
          formatDate(a.desiredStartOn),
          a.withdrawalReason
            ? `${enumLabels.PreschoolStatus[a.status]}: ${enumLabels.PreschoolWithdrawalReason[a.withdrawalReason]}`
            : enumLabels.PreschoolStatus[a.status],
          a.kindergarten?.name ?? '—',
          named(enumLabels.PreschoolGroupType, a.groupType),
          formatDate(a.enrolledOn),
        ])}
      />
      {transition && (
        <Facts
          items={[
            ['Переход в детский сад', enumLabels.PreschoolTransitionStatus[transition.status]],
            ['Начало планирования перехода', formatDate(transition.dueOn)],
            [
              'До трёхлетия',
              transition.daysUntilThirdBirthday >= 0
                ? days(transition.daysUntilThirdBirthday)
                : `исполнилось 3 года ${days(-transition.daysUntilThirdBirthday)} назад`,
            ],
          ]}
        />
      )}
      <Sessions
        caption="Занятия в подразделениях ранней помощи"
        rows={education.sessions.map((s) => ({
          id: s.id,
          on: s.deliveredOn,
          where: `${s.unit.name}, ${enumLabels.EarlyHelpUnitKind[s.unit.kind].toLowerCase()}`,
          service: s.service.name,
          minutes: s.durationMinutes,
          mode: enumLabels.DeliveryMode[s.mode],
          specialist: named(enumLabels.SpecialistRole, s.specialistRole),
          held: s.attended,
          whyNot: s.cancellationReason ? enumLabels.EducationSessionCancellationReason[s.cancellationReason] : null,
        }))}
      />
    </>
  )
}

function Ngo({ ngo, errors }: { ngo: NonNullable<Child['ngo']>; errors: readonly HubError[] }) {
  return (
    <>
      <Sessions
        caption="Занятия негосударственных поставщиков"
        rows={ngo.sessions.map((s) => ({
          id: s.id,
          on: s.deliveredOn,
          where: s.provider.name,
          service: s.service.name,
          minutes: s.durationMinutes,
          mode: enumLabels.DeliveryMode[s.mode],
          specialist: named(enumLabels.SpecialistRole, s.specialistRole),
          held: s.attended,
          whyNot: s.cancellationReason ? enumLabels.NgoSessionCancellationReason[s.cancellationReason] : null,
        }))}
      />
      <Denied errors={errors} path={['child', 'ngo', 'parentGroupParticipations']} />
      <Table
        caption="Родительские группы"
        head={['Группа', 'Организатор', 'Формат', 'Участие']}
        rows={ngo.parentGroupParticipations?.map((p) => [
          p.group.name,
          p.group.provider.name,
          named(enumLabels.ParentGroupFormat, p.group.format),
          term(p.joinedOn, p.leftOn, 'участвует'),
        ])}
      />
    </>
  )
}

/** The merges the record took part in, each leading to its page (where it can be undone); nothing when there are none. */
function MergesBlock({ id, token }: { id: string; token: string }) {
  const state = useOperation(ChildMergesDocument, { id }, token)
  const merges = state.status === 'done' ? (state.result.data?.child?.merges ?? []) : []
  if (merges.length === 0) return null
  return (
    <Block title="Объединения записей">
      <Table
        head={['Сохранённая запись', 'Объединённая запись', 'Объединено', 'Отменено', '']}
        rows={merges.map((merge) => [
          merge.survivor.fullName,
          merge.merged.fullName,
          `${formatDate(merge.mergedAt)}: ${merge.reason}`,
          merge.undoneAt ? `${formatDate(merge.undoneAt)}: ${merge.undoReason ?? ''}` : 'действует',
          <Link key="open" to={`/dashboard/merges/${merge.id}`}>
            {merge.undoneAt ? 'Подробности' : 'Подробности и отмена'}
          </Link>,
        ])}
      />
    </Block>
  )
}

/**
 * The child card (ChildCard): identity, family, consents, the pathway and every ministry's part, each explained when
 * missing. `actions` is the place for what the viewer may do from the card; the page shows it only when given.
 */
export function ChildCardPage({ id, token, actions }: { id: string; token: string; actions?: ReactNode }) {
  const state = useOperation(ChildCardDocument, { id }, token)
  const claims = readClaims(token)
  if (state.status !== 'done') return <Pending state={state} />
  const errors = state.result.errors ?? []
  const child = state.result.data?.child
  const back = <Link to="/dashboard/registry">← к реестру</Link>
  if (!child) {
    const down = unavailableSides(errors).includes('social')
    const refused = refusalsUnder(errors, ['child']).length > 0
    return (
      <section>
        {back}
        <OtherErrors errors={errors} />
        {down && (
          <p className="notice notice-unavailable" role="status">
            {UNAVAILABLE_NOTICE.social}
          </p>
        )}
        <Denied errors={errors} path={['child']} />
        {!down && !refused && errors.length === 0 && <p>Ребёнок не найден в реестре.</p>}
      </section>
    )
  }
  return (
    <article className="child-card">
      {back}
      <div className="card-title">
        <h1>{child.fullName}</h1>
        <PrintButton kind="child-card" id={child.id} label="Карточка (PDF)" token={token} />
      </div>
      {child.mergedInto && (
        <p className="notice">
          Запись объединена с <Link to={`/dashboard/children/${child.mergedInto.id}`}>основной записью</Link>.
        </p>
      )}
      <OtherErrors errors={errors} />
      <div className={actions ? 'card-layout with-actions' : 'card-layout'}>
        <div className="card-content">
          <Block title="Сведения о ребёнке">
            <Facts
              items={[
                ['Дата рождения', formatDate(child.birthDate)],
                ['Пол', enumLabels.Sex[child.sex]],
                ['СНИЛС', child.snils ?? 'ожидается'],
                ['Муниципальное образование', child.municipality.name],
                ['Статус в реестре', <strong key="status">{enumLabels.RegistryStatus[child.registryStatus]}</strong>],
                ['Внесён в реестр', formatDate(child.registeredAt)],
              ]}
            />
            <Table
              caption="Критерии целевой группы"
              head={['Критерий', 'Источник', 'Подтверждение', 'Срок действия', 'Действует']}
              rows={child.criteria.map((c) => [
                enumLabels.CriterionCode[c.code],
                enumLabels.Side[c.source],
                c.evidenceDocument ? `${c.evidenceDocument}, ${formatDate(c.evidenceDate)}` : '—',
                term(c.validFrom, c.validTo),
                c.active ? 'да' : 'нет',
              ])}
            />
          </Block>
          <Block title="Семья">
            <Denied errors={errors} path={['child', 'family']} />
            {child.family ? (
              <Family family={child.family} />
            ) : (
              refusalsUnder(errors, ['child', 'family']).length === 0 && (
                <p className="muted">Семья не указана (ребёнок воспитывается в организации для детей-сирот)</p>
              )
            )}
          </Block>
          <Block title="Согласия">
            <Denied errors={errors} path={['child', 'consents']} />
            {child.consents && <Consents consents={child.consents} token={token} />}
          </Block>
          <Block title="Сканы подписанных документов">
            <ScansBlock id={child.id} token={token} />
          </Block>
          <MergesBlock id={child.id} token={token} />
          <Block title="История статусов в реестре">
            <Table
              head={['Когда', 'Прежний статус', 'Новый статус', 'Основание']}
              rows={child.statusHistory.map((change) => [
                formatDate(change.changedAt),
                change.fromStatus ? enumLabels.RegistryStatus[change.fromStatus] : 'внесение в реестр',
                enumLabels.RegistryStatus[change.toStatus],
                change.reason ?? '—',
              ])}
            />
          </Block>
          <Block title="Направления">
            <Referrals referrals={child.referrals} claims={claims} token={token} />
          </Block>
          <Block title="ИПРП">
            <Programmes child={child} claims={claims} token={token} />
          </Block>
          <Block title="Соцзащита">
            <Sessions
              caption="Занятия организаций социального обслуживания"
              rows={child.socialSessions.map((s) => ({
                id: s.id,
                on: s.deliveredOn,
                where: s.programmeService.provider.name,
                service: s.programmeService.serviceType.name,
                minutes: s.durationMinutes,
                mode: enumLabels.DeliveryMode[s.mode],
                specialist: enumLabels.SpecialistRole[s.specialistRole],
                held: s.attended,
                whyNot: s.cancellationReason ? enumLabels.SocialSessionCancellationReason[s.cancellationReason] : null,
              }))}
            />
          </Block>
          <SidePart title="Здравоохранение" side="health" field="health" errors={errors}>
            {child.health && <Health health={child.health} />}
          </SidePart>
          <SidePart title="Образование" side="education" field="education" errors={errors}>
            {child.education && <Education education={child.education} errors={errors} />}
          </SidePart>
          <SidePart title="НКО" side="ngo" field="ngo" errors={errors}>
            {child.ngo && <Ngo ngo={child.ngo} errors={errors} />}
          </SidePart>
        </div>
        {actions && (
          <aside className="card-actions" aria-label="Действия">
            <h2>Действия</h2>
            {actions}
          </aside>
        )}
      </div>
    </article>
  )
}
