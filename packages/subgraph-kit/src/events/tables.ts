import type { ColumnType, Generated, GeneratedAlways, Kysely } from 'kysely'

/** What became of one event for one subscription: waiting, delivered, or given up after the last attempt. */
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD'

/** The ids an event names: `{ childId: '…', referralId: '…' }`, never a name, a date of birth or a free text. */
export type EventSubject = Readonly<Record<string, string>>

/** The tables every subgraph's database has (migration 2026_12_10_1500_create_domain_events). */
export interface EventTables {
  domain_event: {
    seq: GeneratedAlways<string>
    id: Generated<string>
    type: string
    occurred_at: Generated<Date>
    subject: ColumnType<EventSubject, string, never>
  }
  webhook_subscription: {
    id: Generated<string>
    url: string
    secret: string
    event_types: ColumnType<string[], string[], never>
    description: string
    active: Generated<boolean>
    created_by: string
    created_at: Generated<Date>
  }
  webhook_delivery: {
    id: Generated<string>
    subscription_id: string
    event_seq: string
    status: Generated<DeliveryStatus>
    attempts: Generated<number>
    next_attempt_at: Generated<Date>
    last_status: number | null
    last_error: string | null
    delivered_at: Date | null
  }
}

export type EventsDatabase = Kysely<EventTables>

/** A subgraph's database seen through its event tables alone (as `auditView` does for the audit table). */
export function eventsView<DB extends EventTables>(db: Kysely<DB>): EventsDatabase {
  return db as unknown as EventsDatabase
}
