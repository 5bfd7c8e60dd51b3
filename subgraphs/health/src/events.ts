import { eventRecorder, type EventCatalogue } from '@hub/subgraph-kit/events/catalogue'
import { eventResolvers } from '@hub/subgraph-kit/events/resolvers'

/**
 * The domain events health publishes to ministry systems (docs/architecture.md: "Events for ministry systems"), with their labels
 * on the «Интеграции» screen. Each is recorded in the transaction of the mutation that causes it, naming ids only: a diagnosis event names the diagnosis record, never its code.
 */
export const HEALTH_EVENTS = {
  'health.detection_recorded': 'Записано выявление (скрининг, осмотр)',
  'health.diagnosis_recorded': 'Записан диагноз',
  'health.group_assessed': 'Определена группа здоровья',
  'session.recorded': 'Проведено занятие медицинской реабилитации',
} as const satisfies EventCatalogue

export const recordHealthEvent = eventRecorder(HEALTH_EVENTS)

/** The feed and the webhook administration under health's field names. */
export const healthEvents = eventResolvers('health', HEALTH_EVENTS)
