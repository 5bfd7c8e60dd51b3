import { eventRecorder, type EventCatalogue } from '@hub/subgraph-kit/events/catalogue'
import { eventResolvers } from '@hub/subgraph-kit/events/resolvers'

/**
 * The domain events social publishes to ministry systems (docs/architecture.md: "Events for ministry systems"), with their labels
 * on the «Интеграции» screen. Each is recorded in the transaction of the mutation that causes it, naming ids only.
 */
export const SOCIAL_EVENTS = {
  'child.registered': 'Ребёнок внесён в реестр',
  'child.merged': 'Записи ребёнка объединены',
  'child.merge_undone': 'Объединение записей отменено',
  'referral.sent': 'Направление отправлено',
  'referral.decided': 'По направлению принято решение',
  'programme.signed': 'ИПРП подписана',
  'programme.reviewed': 'Проведена оценка по ИПРП',
  'programme.exited': 'Завершение ИПРП',
  'consent.given': 'Дано согласие',
  'consent.revoked': 'Согласие отозвано',
  'session.recorded': 'Проведено занятие',
  'report.filed': 'Подан квартальный отчёт',
} as const satisfies EventCatalogue

export const recordSocialEvent = eventRecorder(SOCIAL_EVENTS)

/** The feed and the webhook administration under social's field names. */
export const socialEvents = eventResolvers('social', SOCIAL_EVENTS)
