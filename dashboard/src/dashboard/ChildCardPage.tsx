import type { ReactNode } from 'react'
import { ChildCardDocument, type ChildCardQuery } from '../../../schema/__generated__/operations'
import type { HubError } from '../shared/graphql'
import {
  CRITERION,
  DETECTION_KIND,
  formatDate,
  NEED_OUTCOME,
  PRESCHOOL_STATUS,
  PROGRAMME_STATUS,
  REFERRAL_STATUS,
  REGISTRY_STATUS,
  RISK_FACTOR,
  SCREENING_RESULT,
  SEX,
  SIDE,
  SPECIALIST_ROLE,
} from './labels'
import { Link } from './navigation'
import { refusalsUnder, Refusals, UNAVAILABLE_NOTICE, unavailableSides, Unavailable } from './notices'
import { OtherErrors, Pending } from './Status'
import { useOperation } from './useOperation'

type Child = NonNullable<ChildCardQuery['child']>

/** A small table: a header row and one row of cells per item; an empty list says so, a refused one (null) too. */
function Table({ head, rows }: { head: string[]; rows: ReactNode[][] | undefined }) {
  if (!rows) return <p className="muted">Скрыто</p>
  if (rows.length === 0) return <p className="muted">Нет записей</p>
  return (
    <table>
      <thead>
        <tr>
          {head.map((cell) => (
            <th key={cell}>{cell}</th>
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

/**
 * One side's part of the card. Null has three meanings, each told apart: the side's subgraph is down
 * (UNAVAILABLE naming it), the viewer may not see it (FORBIDDEN under its path), or there is nothing recorded.
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
  /** The field holding the side's part; social's parts explain their own refusals. */
  field?: keyof Child
  errors: readonly HubError[]
  children: ReactNode | null
}) {
  const refusals = field ? refusalsUnder(errors, ['child', field]) : []
  const down = unavailableSides(errors).includes(side)
  return (
    <section className="side" aria-label={title}>
      <h2>{title}</h2>
      {down && (
        <p className="notice notice-unavailable" role="status">
          {UNAVAILABLE_NOTICE[side]}
        </p>
      )}
      <Refusals errors={refusals} />
      {children ?? (!down && refusals.length === 0 && <p className="muted">Нет сведений</p>)}
    </section>
  )
}

function Social({ child, errors }: { child: Child; errors: readonly HubError[] }) {
  const family = child.family
  return (
    <>
      <h3>Критерии целевой группы</h3>
      <Refusals errors={refusalsUnder(errors, ['child', 'criteria'])} />
      {child.criteria && (
        <Table
          head={['Критерий', 'Источник', 'Действует с', 'по', 'Действует']}
          rows={child.criteria.map((c) => [
            CRITERION[c.code],
            SIDE[c.source],
            formatDate(c.validFrom),
            formatDate(c.validTo),
            c.active ? 'да' : 'нет',
          ])}
        />
      )}
      <h3>Семья</h3>
      <Refusals errors={refusalsUnder(errors, ['child', 'family'])} />
      {family && (
        <>
          <p>
            {family.address ?? 'адрес не указан'}, {family.municipality.name}
            {family.inSop && <span className="tag">СОП</span>}
          </p>
          <Table
            head={['Законный представитель', 'Основание', 'с', 'по']}
            rows={family.legalRepresentatives.map((r) => [
              r.fullName,
              r.documentBasis ?? '—',
              formatDate(r.validFrom),
              formatDate(r.validTo),
            ])}
          />
          <p>Членов семьи: {family.members.length}</p>
        </>
      )}
      <h3>Согласия</h3>
      <Refusals errors={refusalsUnder(errors, ['child', 'consents'])} />
      {child.consents && <p>Действующих согласий: {child.consents.filter((c) => c.inForce).length}</p>}
      <h3>Направления</h3>
      <Refusals errors={refusalsUnder(errors, ['child', 'referrals'])} />
      <Table
        head={['Поставщик', 'Получено', 'Статус', 'Нуждаемость']}
        rows={child.referrals?.map((r) => [
          r.provider.name,
          formatDate(r.receivedOn),
          REFERRAL_STATUS[r.status],
          r.needOutcome ? NEED_OUTCOME[r.needOutcome] : '—',
        ])}
      />
      <h3>ИПРП</h3>
      <Table
        head={['Версия', 'Поставщик', 'Статус', 'Подписана', 'Услуг', 'Целей']}
        rows={child.programmes?.map((p) => [
          p.version,
          p.provider.name,
          PROGRAMME_STATUS[p.status],
          formatDate(p.signedOn),
          p.services.length,
          p.goals.length,
        ])}
      />
      <p>Занятий в учреждениях соцзащиты: {child.socialSessions?.length ?? 0}</p>
    </>
  )
}

function Health({ health }: { health: NonNullable<Child['health']> }) {
  return (
    <>
      <p>
        Группа здоровья:{' '}
        {health.healthGroup ? `${health.healthGroup.group} (${formatDate(health.healthGroup.assessedOn)})` : '—'}
      </p>
      <h3>Диагнозы (МКБ-10)</h3>
      <Table
        head={['Код', 'Наименование', 'Установлен', 'Основной']}
        rows={health.diagnoses.map((d) => [d.icd10, d.name, formatDate(d.diagnosedOn), d.primary ? 'да' : ''])}
      />
      <h3>Выявление</h3>
      <Table
        head={['Событие', 'Результат', 'Дата', 'Организация']}
        rows={health.detectionEvents.map((e) => [
          DETECTION_KIND[e.kind],
          e.result ? SCREENING_RESULT[e.result] : '—',
          formatDate(e.occurredOn),
          e.organisation,
        ])}
      />
      <h3>Факторы риска</h3>
      <Table
        head={['Фактор', 'Отмечен']}
        rows={health.riskFactors.map((r) => [RISK_FACTOR[r.kind], formatDate(r.notedOn)])}
      />
      <p>Эпизодов медицинской реабилитации: {health.rehabilitationEpisodes.length}</p>
    </>
  )
}

function Education({ education }: { education: NonNullable<Child['education']> }) {
  return (
    <>
      <h3>Заключения ПМПК</h3>
      <Table
        head={['Номер', 'Комиссия', 'Дата', 'Специальные условия']}
        rows={education.pmpkConclusions?.map((p) => [
          p.number,
          p.commission,
          formatDate(p.concludedOn),
          p.needsSpecialConditions ? 'нужны' : 'не нужны',
        ])}
      />
      <h3>Очередь в детский сад</h3>
      <Table
        head={['Подано', 'Статус', 'Детский сад', 'Зачислен']}
        rows={education.preschoolApplications.map((a) => [
          formatDate(a.appliedOn),
          PRESCHOOL_STATUS[a.status],
          a.kindergarten?.name ?? '—',
          formatDate(a.enrolledOn),
        ])}
      />
      <p>Занятий в подразделениях ранней помощи: {education.sessions.length}</p>
    </>
  )
}

function Ngo({ ngo }: { ngo: NonNullable<Child['ngo']> }) {
  return (
    <>
      <h3>Занятия</h3>
      <Table
        head={['Дата', 'Минут', 'Специалист', 'Посещено']}
        rows={ngo.sessions.map((s) => [
          formatDate(s.deliveredOn),
          s.durationMinutes,
          s.specialistRole ? SPECIALIST_ROLE[s.specialistRole] : '—',
          s.attended ? 'да' : 'нет',
        ])}
      />
      <h3>Родительские группы</h3>
      <Table
        head={['Группа', 'Поставщик', 'С', 'По']}
        rows={ngo.parentGroupParticipations?.map((p) => [
          p.group.name,
          p.group.provider.name,
          formatDate(p.joinedOn),
          formatDate(p.leftOn),
        ])}
      />
    </>
  )
}

/** The child card (ChildCard): identity and every ministry's part, each explained when missing. */
export function ChildCardPage({ id, token }: { id: string; token: string }) {
  const state = useOperation(ChildCardDocument, { id }, token)
  if (state.status !== 'done') return <Pending state={state} />
  const errors = state.result.errors ?? []
  const child = state.result.data?.child
  const back = <Link to="/dashboard/registry">← к реестру</Link>
  if (!child) {
    const refusals = refusalsUnder(errors, ['child'])
    const down = unavailableSides(errors).includes('social')
    return (
      <section>
        {back}
        <OtherErrors errors={errors} />
        {down && <Unavailable errors={errors} />}
        <Refusals errors={refusals} />
        {!down && refusals.length === 0 && errors.length === 0 && <p>Ребёнок не найден в реестре.</p>}
      </section>
    )
  }
  return (
    <article className="child-card">
      {back}
      <h1>{child.fullName}</h1>
      <p>
        {formatDate(child.birthDate)} г. р., пол {SEX[child.sex]}, СНИЛС {child.snils ?? 'ожидается'} ·{' '}
        {child.municipality.name} · <strong>{REGISTRY_STATUS[child.registryStatus]}</strong>
      </p>
      {child.mergedInto && (
        <p className="notice">
          Запись объединена с <Link to={`/dashboard/children/${child.mergedInto.id}`}>основной записью</Link>.
        </p>
      )}
      <OtherErrors errors={errors} />
      <div className="sides">
        <SidePart title="Соцзащита" side="social" errors={errors}>
          <Social child={child} errors={errors} />
        </SidePart>
        <SidePart title="Здравоохранение" side="health" field="health" errors={errors}>
          {child.health && <Health health={child.health} />}
        </SidePart>
        <SidePart title="Образование" side="education" field="education" errors={errors}>
          {child.education && <Education education={child.education} />}
        </SidePart>
        <SidePart title="НКО" side="ngo" field="ngo" errors={errors}>
          {child.ngo && <Ngo ngo={child.ngo} />}
        </SidePart>
      </div>
    </article>
  )
}
