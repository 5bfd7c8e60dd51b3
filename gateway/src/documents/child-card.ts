import type { Content } from 'pdfmake/interfaces.js'
import type { ChildCardQuery } from '@hub/schema/operations'
import { dayOrBlank, facts, formatDate, grid, heading, missingPart, period, printedDocument } from './pdf.js'
import { UNAVAILABLE, type LayoutContext } from './pdf.js'

type Child = NonNullable<ChildCardQuery['child']>

/**
 * A side's sessions with the child: the day, the service, a column of the side's own (how or where it was given), the
 * minutes and whether it was held.
 */
function sessionsGrid<Session extends { deliveredOn: string; durationMinutes: number; attended: boolean }>(
  sessions: readonly Session[],
  service: (session: Session) => string,
  [heading, own]: readonly [string, (session: Session) => string],
) {
  return grid(
    ['Дата', 'Услуга', heading, 'Минут', 'Состоялось'],
    sessions.map((session) => [
      formatDate(session.deliveredOn),
      service(session),
      own(session),
      session.durationMinutes,
      session.attended ? 'состоялось' : 'не состоялось',
    ]),
    { empty: 'занятий нет' },
  )
}

/**
 * The child card exactly as the ChildCard query answers it to the caller: a part its owner refused prints «нет
 * доступа», a part whose side did not answer «сведения недоступны»; neither prints anything of it.
 */
export function childCardDocument(child: Child, { errors, label, printing }: LayoutContext) {
  /** A part of the card: its content, or why it is missing (a part that came, in part, renders what came). */
  const part = <T>(path: (string | number)[], value: T | null | undefined, render: (value: T) => Content[]) =>
    value == null
      ? [{ text: missingPart(errors, ['child', ...path]) ?? UNAVAILABLE, italics: true } satisfies Content]
      : render(value)
  const { family, health, education, ngo } = child
  return printedDocument(
    `Карточка ребёнка: ${child.fullName}`,
    [
      { text: 'Карточка ребёнка в региональном реестре', style: 'title' },
      { text: `${child.fullName}, ${formatDate(child.birthDate)} г. р.`, style: 'subtitle' },
      facts([
        ['Фамилия, имя, отчество', child.fullName],
        ['Дата рождения', formatDate(child.birthDate)],
        ['Пол', label('Sex', child.sex)],
        ['СНИЛС', child.snils ?? 'не оформлен'],
        ['Муниципальное образование', child.municipality.name],
        ['Статус в реестре', label('RegistryStatus', child.registryStatus)],
        ['Внесён в реестр', formatDate(String(child.registeredAt))],
      ]),
      heading('Критерии целевой группы'),
      ...part(['criteria'], child.criteria, (criteria) => [
        grid(
          ['Критерий', 'Источник', 'Действует', 'На сегодня'],
          criteria.map((c) => [
            label('CriterionCode', c.code),
            label('Side', c.source),
            period(c.validFrom, c.validTo),
            c.active ? 'действует' : 'не действует',
          ]),
        ),
      ]),
      heading('Семья'),
      ...(child.family === null && !missingPart(errors, ['child', 'family'])
        ? [{ text: 'Семья не внесена (ребёнок воспитывается в организации)', italics: true }]
        : part(['family'], family, (f) => [
            facts([
              ['Адрес', f.address],
              ['Социально опасное положение', f.inSop ? 'да' : 'нет'],
            ]),
            grid(
              ['Законный представитель', 'Основание', 'Документ', 'Полномочия'],
              f.legalRepresentatives.map((r) => [
                r.fullName,
                label('RepresentativeRelation', r.relation),
                r.documentBasis ?? '',
                period(r.validFrom, r.validTo),
              ]),
              { empty: 'законные представители не внесены' },
            ),
            grid(
              ['Член семьи', 'Кем приходится', 'Контакты'],
              f.members.map((m) => [
                m.fullName,
                label('Kinship', m.kinship),
                m.contacts.map((contact) => contact.value).join(', '),
              ]),
              { empty: 'члены семьи не внесены' },
            ),
            grid(
              ['Положение семьи', 'Решение', 'Дата', 'Прекращено'],
              f.situations.map((s) => [
                label('FamilySituationKind', s.kind),
                s.decisionNumber,
                formatDate(s.decidedOn),
                dayOrBlank(s.endedOn),
              ]),
              { empty: 'решений о ТЖС и СОП нет' },
            ),
          ])),
      heading('Согласия на передачу сведений'),
      ...part(['consents'], child.consents, (consents) => [
        grid(
          ['Цель', 'Получатель', 'Сведения', 'Дано', 'Отозвано'],
          consents.map((c) => [
            label('AccessPurpose', c.purpose),
            c.recipientProvider?.name ?? label('ConsentRecipientSide', c.recipientSide),
            c.scopes.map((scope) => label('ConsentScope', scope).split('\n')[0]).join(', '),
            formatDate(String(c.givenAt)),
            dayOrBlank(c.revokedAt && String(c.revokedAt)),
          ]),
          { empty: 'согласий нет' },
        ),
      ]),
      heading('Направления'),
      ...part(['referrals'], child.referrals, (referrals) => [
        grid(
          ['Получено', 'Откуда', 'Поставщик', 'Состояние', 'Нуждаемость'],
          referrals.map((r) => [
            formatDate(r.receivedOn),
            `${label('Side', r.fromSide)}: ${r.fromOrganisation}`,
            r.provider.name,
            label('ReferralStatus', r.status),
            r.needOutcome ? `${label('NeedOutcome', r.needOutcome)}, ${formatDate(r.needDeterminedOn)}` : '',
          ]),
          { empty: 'направлений нет' },
        ),
      ]),
      heading('Индивидуальные программы ранней помощи (ИПРП)'),
      ...part(['programmes'], child.programmes, (programmes) =>
        programmes.length === 0
          ? [{ text: 'программ нет', italics: true }]
          : programmes.flatMap((p): Content[] => [
              {
                text: `Версия ${p.version}: ${label('ProgrammeStatus', p.status)}; поставщик ${p.provider.name}; подписана ${formatDate(p.signedOn)}; ведущий специалист ${p.lead?.name ?? 'не назначен'}`,
                margin: [0, 4, 0, 2],
              },
              grid(
                ['Код МКФ-ДП', 'Цель', 'Исходная', 'Целевая'],
                p.goals.map((g) => [g.icfCode, g.description, g.baselineQualifier, g.targetQualifier]),
                { widths: [60, '*', 50, 50], empty: 'целей нет' },
              ),
              grid(
                ['Услуга', 'Периодичность', 'Форма', 'Ведомство', 'Поставщик'],
                p.services.map((s) => [
                  `${s.serviceType.code} ${s.serviceType.name}`,
                  `${s.sessionsPerMonth} в месяц по ${s.durationMinutes} мин`,
                  label('DeliveryMode', s.mode),
                  label('Side', s.responsibleSide),
                  s.provider.name,
                ]),
                { empty: 'услуг нет' },
              ),
            ]),
      ),
      heading('Занятия организаций социального обслуживания'),
      ...part(['socialSessions'], child.socialSessions, (sessions) => [
        sessionsGrid(sessions, (s) => s.programmeService.serviceType.name, [
          'Форма',
          (s) => label('DeliveryMode', s.mode),
        ]),
      ]),
      heading('Здравоохранение'),
      ...part(['health'], health, (h) => [
        facts([
          [
            'Группа здоровья',
            h.healthGroup
              ? `${label('HealthGroup', h.healthGroup.group)}, ${formatDate(h.healthGroup.assessedOn)}`
              : null,
          ],
        ]),
        grid(
          ['Выявление', 'Результат', 'Дата', 'Организация'],
          h.detectionEvents.map((e) => [
            label('DetectionKind', e.kind),
            e.result ? label('ScreeningResult', e.result) : '',
            formatDate(e.occurredOn),
            e.organisation ?? '',
          ]),
          { empty: 'событий выявления нет' },
        ),
        grid(
          ['Диагноз (МКБ-10)', 'Наименование', 'Дата', 'Основной'],
          h.diagnoses.map((d) => [d.icd10, d.name ?? '', formatDate(d.diagnosedOn), d.primary ? 'да' : '']),
          { widths: [70, '*', 60, 50], empty: 'диагнозов нет' },
        ),
        grid(
          ['Фактор риска', 'Дата', 'Подробности'],
          h.riskFactors.map((r) => [label('RiskFactorKind', r.kind), formatDate(r.notedOn), r.details ?? '']),
          { empty: 'факторов риска нет' },
        ),
        grid(
          ['Диспансерное наблюдение', 'Специальность', 'С', 'По'],
          h.dispensaryObservations.map((o) => [
            `${o.icd10} ${o.name ?? ''}`,
            label('MedicalSpecialty', o.specialty),
            formatDate(o.startedOn),
            dayOrBlank(o.endedOn),
          ]),
          { empty: 'наблюдения нет' },
        ),
        grid(
          ['Медицинская реабилитация', 'Цель', 'С', 'По', 'Занятий'],
          h.rehabilitationEpisodes.map((r) => [
            r.organisation,
            r.goal ?? '',
            formatDate(r.startedOn),
            dayOrBlank(r.endedOn),
            r.sessions.length,
          ]),
          { empty: 'курсов реабилитации нет' },
        ),
      ]),
      heading('Образование'),
      ...part(['education'], education, (e) => [
        ...part(['education', 'pmpkConclusions'], e.pmpkConclusions, (conclusions) => [
          grid(
            ['Заключение ПМПК', 'Дата', 'Программа', 'Специальные условия'],
            conclusions.map((c) => [
              `№ ${c.number}, ${c.commission}`,
              formatDate(c.concludedOn),
              label('EducationProgramme', c.recommendedProgramme),
              c.needsSpecialConditions ? 'нужны' : 'не нужны',
            ]),
            { empty: 'заключений ПМПК нет' },
          ),
        ]),
        grid(
          ['Заявление в детский сад', 'Подано', 'Состояние', 'Детский сад'],
          e.preschoolApplications.map((a) => [
            a.groupType ? label('PreschoolGroupType', a.groupType) : '',
            formatDate(a.appliedOn),
            label('PreschoolStatus', a.status),
            a.kindergarten?.name ?? '',
          ]),
          { empty: 'заявлений нет' },
        ),
        sessionsGrid(e.sessions, (s) => s.service.name, ['Подразделение', (s) => s.unit.name]),
      ]),
      heading('Негосударственные организации'),
      ...part(['ngo'], ngo, (n) => [
        sessionsGrid(n.sessions, (s) => s.service.name, ['Организация', (s) => s.provider.name]),
        ...part(['ngo', 'parentGroupParticipations'], n.parentGroupParticipations, (participations) => [
          grid(
            ['Родительская группа', 'Организация', 'С', 'По'],
            participations.map((p) => [
              p.group.name,
              p.group.provider.name,
              formatDate(p.joinedOn),
              dayOrBlank(p.leftOn),
            ]),
            { empty: 'участия в родительских группах нет' },
          ),
        ]),
      ]),
    ],
    printing,
  )
}
