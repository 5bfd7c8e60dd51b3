import { sql } from 'kysely'
import type { EventsDatabase, EventSubject } from './tables.js'

/** One column list for `domain_event`; the position is text, since a bigint may pass what a JS number holds. */
export const domainEventColumns = [
  'domain_event.id',
  sql<string>`domain_event.seq::text`.as('seq'),
  'domain_event.type',
  'domain_event.occurred_at as occurredAt',
  'domain_event.subject',
] as const

export interface DomainEventRow {
  id: string
  seq: string
  type: string
  occurredAt: Date
  subject: EventSubject
}

export function insertDomainEvent(db: EventsDatabase, type: string, subject: EventSubject) {
  return db
    .insertInto('domain_event')
    .values({ type, subject: JSON.stringify(subject) })
    .returning(domainEventColumns)
    .executeTakeFirstOrThrow() as Promise<DomainEventRow>
}

/*
 * The feed orders by the column, `domain_event.seq`: a bare `seq` in ORDER BY would name the text alias of the select
 * list, and "10" sorts before "9".
 */

/** The feed: up to `limit` events after the position `afterSeq`, in order. */
export function listDomainEventsAfter(db: EventsDatabase, afterSeq: string, limit: number) {
  return db
    .selectFrom('domain_event')
    .select(domainEventColumns)
    .where('domain_event.seq', '>', afterSeq)
    .orderBy('domain_event.seq')
    .limit(limit)
    .execute() as Promise<DomainEventRow[]>
}

/** The feed read backwards: up to `limit` events before the position `beforeSeq` (the newest when null), newest first. */
export function listDomainEventsBefore(db: EventsDatabase, beforeSeq: string | null, limit: number) {
  let query = db.selectFrom('domain_event').select(domainEventColumns)
  if (beforeSeq !== null) query = query.where('domain_event.seq', '<', beforeSeq)
  return query.orderBy('domain_event.seq', 'desc').limit(limit).execute() as Promise<DomainEventRow[]>
}
