import { eventRecorder, type EventCatalogue } from '@hub/subgraph-kit/events/catalogue'
import { eventResolvers } from '@hub/subgraph-kit/events/resolvers'

/**
 * The domain events education publishes to ministry systems (docs/architecture.md: "Events for ministry systems"), with their labels
 * on the «Интеграции» screen. Each is recorded in the transaction of the mutation that causes it, naming ids only.
 */
export const EDUCATION_EVENTS = {
  'pmpk.concluded': 'Вынесено заключение ПМПК',
  'preschool.enrolled': 'Ребёнок зачислен в детский сад',
  'session.recorded': 'Проведено занятие в образовательной организации',
} as const satisfies EventCatalogue

export const recordEducationEvent = eventRecorder(EDUCATION_EVENTS)

/** The feed and the webhook administration under education's field names. */
export const educationEvents = eventResolvers('education', EDUCATION_EVENTS)
