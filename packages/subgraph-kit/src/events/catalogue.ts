import type { Transaction } from 'kysely'
import { noteOutboxWrite } from '../outbox-writes.js'
import { insertDomainEvent } from './domain_event.queries.js'
import { eventsView, type EventSubject, type EventTables } from './tables.js'
import { insertPendingDeliveries } from './webhook_delivery.queries.js'

/** The events a subgraph publishes, by type (`referral.sent`), each with its Russian label for the screens. */
export type EventCatalogue = Readonly<Record<string, string>>

/**
 * Records an event in the transaction of the change that caused it, and queues it for every active subscription that
 * takes its type: a rolled-back change leaves neither. The subject holds ids only.
 */
export async function recordEvent<DB extends EventTables>(trx: Transaction<DB>, type: string, subject: EventSubject) {
  const db = eventsView(trx)
  const event = await insertDomainEvent(db, type, subject)
  const queued = await insertPendingDeliveries(db, event.seq, type)
  if ((queued.numInsertedOrUpdatedRows ?? 0n) > 0n) noteOutboxWrite()
  return event
}

/**
 * A subgraph's recorder of its own events: `type` must be one of its catalogue, and a subject's values are ids, so
 * that nothing else (a name, a date, a code) can be put into an event by mistake.
 */
export function eventRecorder<C extends EventCatalogue>(_catalogue: C) {
  const record = <DB extends EventTables>(trx: Transaction<DB>, type: keyof C & string, subject: IdsOnly) =>
    recordEvent(trx, type, subject)
  /** A mutation's write followed, in its transaction, by the event it causes about what it wrote. */
  const after =
    <DB extends EventTables, R>(
      type: keyof C & string,
      write: (trx: Transaction<DB>) => Promise<R>,
      subjectOf: (written: R) => IdsOnly,
    ) =>
    async (trx: Transaction<DB>) => {
      const written = await write(trx)
      await recordEvent(trx, type, subjectOf(written))
      return written
    }
  return Object.assign(record, { after })
}

/** An event's subject as a recorder takes it: every key names an id (`childId`, `referralId`). */
type IdsOnly = Readonly<Record<`${string}Id`, string>>
