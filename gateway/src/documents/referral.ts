import type { ReferralDocumentQuery } from '@hub/schema/operations'
import { childFacts, dayOrBlank, facts, formatDate, grid, heading, missingPart, period } from './pdf.js'
import { printedDocument, signatures, type LayoutContext } from './pdf.js'

type Referral = NonNullable<ReferralDocumentQuery['referral']>

/** The referral of a child and family to an early-help provider, with the clocks its receipt started. */
export function referralDocument(referral: Referral, { errors, label, printing }: LayoutContext) {
  const { child } = referral
  const criteriaMissing = missingPart(errors, ['referral', 'child', 'criteria'])
  const decision =
    referral.status === 'REJECTED'
      ? `${label('ReferralStatus', referral.status)} ${formatDate(referral.decidedOn)}: ${label('ReferralRejectionReason', referral.rejectionReason)}${referral.rejectionNote ? ` (${referral.rejectionNote})` : ''}`
      : `${label('ReferralStatus', referral.status)}${referral.decidedOn ? ` ${formatDate(referral.decidedOn)}` : ''}`
  return printedDocument(
    'Направление на получение услуг ранней помощи',
    [
      { text: 'Направление на получение услуг ранней помощи', style: 'title' },
      { text: `№ ${referral.id} от ${formatDate(referral.receivedOn)}`, style: 'subtitle' },
      heading('Кто направляет'),
      facts([
        ['Ведомство', label('Side', referral.fromSide)],
        ['Направившая организация', referral.fromOrganisation],
      ]),
      heading('Куда направлен'),
      facts([
        ['Поставщик услуг ранней помощи', referral.provider.name],
        ['Адрес поставщика', referral.provider.address],
      ]),
      heading('Ребёнок'),
      facts(childFacts(child)),
      heading('Основание направления'),
      { text: referral.reason },
      heading('Критерии отнесения к целевой группе (ПП № 1099)'),
      criteriaMissing
        ? { text: criteriaMissing, italics: true }
        : grid(
            ['Критерий', 'Источник сведений', 'Подтверждающий документ', 'Действует'],
            (child.criteria ?? []).map((criterion) => [
              label('CriterionCode', criterion.code),
              label('Side', criterion.source),
              [criterion.evidenceDocument, criterion.evidenceDate && formatDate(criterion.evidenceDate)]
                .filter(Boolean)
                .join(' от '),
              period(criterion.validFrom, criterion.validTo),
            ]),
            { widths: ['*', 95, 110, 100], empty: 'критерии не установлены' },
          ),
      heading('Движение направления'),
      facts([
        ['Дата получения поставщиком', formatDate(referral.receivedOn)],
        ['Решение поставщика', decision],
        [
          'Определение нуждаемости',
          referral.needOutcome
            ? `${label('NeedOutcome', referral.needOutcome)}, ${formatDate(referral.needDeterminedOn)}`
            : 'не проводилось',
        ],
        ['ИПРП подписана', referral.programmeSignedOn ? formatDate(referral.programmeSignedOn) : 'нет'],
      ]),
      heading('Сроки по направлению'),
      grid(
        ['Срок', 'Начало отсчёта', 'Последний день', 'Выполнено', 'Состояние'],
        referral.clocks.map((clock) => [
          label('DeadlineClockCode', clock.code),
          formatDate(clock.startedOn),
          formatDate(clock.dueOn),
          dayOrBlank(clock.completedOn),
          label('ClockStatus', clock.status),
        ]),
        { widths: ['*', 70, 70, 60, 80] },
      ),
      ...(referral.pauses.length > 0
        ? [
            heading('Приостановления сроков'),
            grid(
              ['Причина', 'С', 'По', 'Пояснение'],
              referral.pauses.map((pause) => [
                label('PauseReason', pause.reason),
                formatDate(pause.startedOn),
                pause.endedOn ? formatDate(pause.endedOn) : 'продолжается',
                pause.note ?? '',
              ]),
              { widths: [120, 60, 70, '*'] },
            ),
          ]
        : []),
      signatures([
        { role: 'Руководитель (специалист) направившей организации', name: null },
        { role: 'Направление принял (поставщик)', name: null },
      ]),
    ],
    printing,
  )
}
