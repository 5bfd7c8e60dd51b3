import type { ProgrammeDocumentQuery } from '@hub/schema/operations'
import { childFacts, facts, formatDate, grid, heading, missingPart } from './pdf.js'
import { printedDocument, signatures, type LayoutContext } from './pdf.js'

type Programme = NonNullable<ProgrammeDocumentQuery['programme']>

const QUALIFIERS = 'Определитель МКФ-ДП: 0 — нет проблем, 1 — лёгкие, 2 — умеренные, 3 — выраженные, 4 — абсолютные.'

/** The day before the third birthday: early help ends when the child turns three (ПП № 1099). */
export function lastDayBeforeThree(birthDate: string) {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number]
  const third = new Date(Date.UTC(year + 3, month - 1, day === 29 && month === 2 ? 28 : day))
  third.setUTCDate(third.getUTCDate() - 1)
  return third.toISOString().slice(0, 10)
}

/**
 * The ИПРП in the order of the Минтруд recommended form: the child, the family (parents, legal representatives), the
 * conclusion on the need for early help the programme follows, the provider and the lead specialist, the term, the goals
 * by МКФ-ДП with qualifiers, the list of services with their form, frequency, duration and who is responsible, the
 * assessment of its implementation, the family's agreement and the signatures.
 */
export function programmeDocument(programme: Programme, { errors, label, printing }: LayoutContext) {
  const { child, referral } = programme
  const familyMissing = missingPart(errors, ['programme', 'child', 'family'])
  const representatives = child.family?.legalRepresentatives ?? []
  const latestRatings = new Map<string, number>()
  for (const review of programme.reviews) {
    for (const rating of review.ratings) latestRatings.set(rating.icfCode, rating.qualifier)
  }
  const parent = programme.signedBy ?? representatives[0] ?? null
  return printedDocument(
    'Индивидуальная программа ранней помощи',
    [
      { text: 'Индивидуальная программа ранней помощи', style: 'title' },
      {
        text: `Версия ${programme.version} от ${formatDate(String(programme.createdAt))} · ${label('ProgrammeStatus', programme.status)}\nНомер программы: ${programme.id}`,
        style: 'subtitle',
      },
      heading('1. Сведения о ребёнке'),
      facts([...childFacts(child), ['Адрес проживания', familyMissing ?? child.family?.address ?? 'не указан']]),
      heading('2. Сведения о семье: родители (законные представители)'),
      familyMissing
        ? { text: familyMissing, italics: true }
        : grid(
            ['ФИО', 'Кем приходится ребёнку'],
            representatives.map((person) => [person.fullName, label('RepresentativeRelation', person.relation)]),
            { empty: 'законные представители не внесены' },
          ),
      heading('3. Заключение о нуждаемости в услугах ранней помощи'),
      facts([
        ['Направление получено', formatDate(referral.receivedOn)],
        [
          'Нуждаемость определена',
          referral.needOutcome
            ? `${formatDate(referral.needDeterminedOn)}: ${label('NeedOutcome', referral.needOutcome)}`
            : 'не определялась',
        ],
      ]),
      heading('4. Поставщик услуг ранней помощи и ведущий специалист'),
      facts([
        ['Поставщик услуг ранней помощи', programme.provider.name],
        ['Адрес поставщика', programme.provider.address],
        ['Ведущий специалист (куратор ИПРП)', programme.lead?.name ?? 'не назначен'],
        [
          'Должность ведущего специалиста',
          programme.leadSpecialistRole ? label('SpecialistRole', programme.leadSpecialistRole) : null,
        ],
      ]),
      heading('5. Сроки реализации программы'),
      facts([
        ['Дата составления программы', formatDate(String(programme.createdAt))],
        ['Дата подписания законным представителем', formatDate(programme.signedOn)],
        [
          'Срок реализации программы',
          `до ${formatDate(lastDayBeforeThree(child.birthDate))} (до достижения ребёнком 3 лет)`,
        ],
        ['Очередная промежуточная оценка', programme.reviewClock ? formatDate(programme.reviewClock.dueOn) : null],
        ['Дата завершения реализации', programme.closedOn ? formatDate(programme.closedOn) : null],
        ['Основание завершения', programme.exitReason ? label('ExitReason', programme.exitReason) : null],
      ]),
      heading('6. Цели программы (по МКФ-ДП)'),
      grid(
        ['Код МКФ-ДП', 'Формулировка цели', 'Исходная оценка', 'Целевая оценка', 'Последняя оценка'],
        programme.goals.map((goal) => [
          goal.icfCode,
          goal.description,
          `${goal.icfCode}.${goal.baselineQualifier}`,
          `${goal.icfCode}.${goal.targetQualifier}`,
          latestRatings.has(goal.icfCode) ? `${goal.icfCode}.${latestRatings.get(goal.icfCode)}` : 'не проводилась',
        ]),
        { widths: [62, '*', 55, 55, 60], empty: 'цели не определены' },
      ),
      { text: QUALIFIERS, style: 'note' },
      heading('7. Перечень услуг ранней помощи'),
      grid(
        [
          'Услуга (региональный перечень)',
          'Периодич-\nность',
          'Продолжи-\nтельность',
          'Форма оказания',
          'Ответственное ведомство',
          'Поставщик',
        ],
        programme.services.map((service) => [
          `${service.serviceType.code} ${service.serviceType.name}`,
          `${service.sessionsPerMonth} в месяц`,
          `${service.durationMinutes} мин`,
          label('DeliveryMode', service.mode),
          label('Side', service.responsibleSide),
          service.provider.name,
        ]),
        { widths: ['*', 62, 66, 62, 80, 80], empty: 'услуги не определены', fontSize: 8 },
      ),
      {
        text: 'Услуги оказываются в течение срока реализации программы (раздел 5); периодичность — занятий в месяц, продолжительность — одного занятия.',
        style: 'note',
      },
      heading('8. Оценка эффективности реализации программы'),
      grid(
        ['Дата', 'Вид оценки', 'Оценка функционирования', 'Заключение'],
        programme.reviews.map((review) => [
          formatDate(review.reviewedOn),
          label('ProgrammeReviewKind', review.kind),
          review.ratings.map((rating) => `${rating.icfCode}.${rating.qualifier}`).join(', '),
          review.note ?? '',
        ]),
        { widths: [60, 90, 120, '*'], empty: 'оценки ещё не проводились' },
      ),
      {
        text: 'С программой ознакомлен(а), с целями, перечнем, периодичностью и формой услуг согласен(на).',
        margin: [0, 14, 0, 0],
      },
      signatures([
        { role: 'Родитель (законный представитель)', name: parent?.fullName },
        { role: 'Ведущий специалист', name: programme.lead?.name },
        { role: 'Руководитель организации', name: null },
      ]),
    ],
    printing,
  )
}
