import { eventRecorder, type EventCatalogue } from '@hub/subgraph-kit/events/catalogue'
import { eventResolvers } from '@hub/subgraph-kit/events/resolvers'

/**
 * The domain events ngo publishes to ministry systems (docs/architecture.md: "Events for ministry systems"), with their labels
 * on the «Интеграции» screen. Each is recorded in the transaction of the mutation that causes it, naming ids only.
 */
export const NGO_EVENTS = {
  'session.recorded': 'Проведено занятие поставщиком',
  'parent_group.created': 'Создана родительская группа',
  'parent_group.joined': 'Семья вступила в родительскую группу',
  'parent_group.left': 'Семья вышла из родительской группы',
  'parent_group.meeting_recorded': 'Проведена встреча родительской группы',
} as const satisfies EventCatalogue

export const recordNgoEvent = eventRecorder(NGO_EVENTS)

/** The feed and the webhook administration under ngo's field names. */
export const ngoEvents = eventResolvers('ngo', NGO_EVENTS)
