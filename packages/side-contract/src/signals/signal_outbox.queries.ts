import { sql, type Generated, type Kysely } from 'kysely'

/**
 * The outbox table of a side that emits child-find signals (migrations 2026_12_09_1000_create_signal_outbox and
 * 2026_12_10_1700_add_signal_refusal).
 */
export interface SignalOutboxTables {
  signal_outbox: {
    id: Generated<string>
    child_id: string
    kind: string
    proposed_criterion: string
    source_record_id: string
    recorded_on: string
    created_at: Generated<Date>
    delivered_at: Date | null
    attempts: Generated<number>
    last_error: string | null
    /** Social refused the signal for good: it is not sent again. */
    refused_at: Date | null
  }
}

export type SignalOutboxDatabase = Kysely<SignalOutboxTables>

/** A side's database seen through its signal outbox alone (as `idempotencyView` does for its table). */
export function signalOutboxView<DB extends SignalOutboxTables>(db: Kysely<DB>): SignalOutboxDatabase {
  return db as unknown as SignalOutboxDatabase
}

const COLUMNS = [
  'signal_outbox.id',
  'signal_outbox.child_id as childId',
  'signal_outbox.kind',
  'signal_outbox.proposed_criterion as proposedCriterion',
  'signal_outbox.source_record_id as sourceRecordId',
  'signal_outbox.recorded_on as recordedOn',
  'signal_outbox.created_at as createdAt',
  'signal_outbox.delivered_at as deliveredAt',
  'signal_outbox.attempts',
  'signal_outbox.last_error as lastError',
  'signal_outbox.refused_at as refusedAt',
] as const

export type SignalOutboxRow = Awaited<ReturnType<typeof listUndeliveredSignals>>[number]

export interface NewSignal {
  childId: string
  kind: string
  proposedCriterion: string
  sourceRecordId: string
  recordedOn: string
}

export function insertSignal(db: SignalOutboxDatabase, signal: NewSignal) {
  return db
    .insertInto('signal_outbox')
    .values({
      child_id: signal.childId,
      kind: signal.kind,
      proposed_criterion: signal.proposedCriterion,
      source_record_id: signal.sourceRecordId,
      recorded_on: signal.recordedOn,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()
}

/**
 * What waits for social's confirmation, oldest first: signals are sent in the order their records were made. A signal
 * social refused for good waits no more.
 */
export function listUndeliveredSignals(db: SignalOutboxDatabase) {
  return db
    .selectFrom('signal_outbox')
    .select(COLUMNS)
    .where('signal_outbox.delivered_at', 'is', null)
    .where('signal_outbox.refused_at', 'is', null)
    .orderBy('signal_outbox.created_at')
    .orderBy('signal_outbox.id')
    .execute()
}

export function markSignalDelivered(db: SignalOutboxDatabase, id: string) {
  return db
    .updateTable('signal_outbox')
    .set((eb) => ({ delivered_at: sql<Date>`now()`, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('signal_outbox.id', '=', id)
    .execute()
}

export function markSignalFailed(db: SignalOutboxDatabase, id: string, error: string) {
  return db
    .updateTable('signal_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000) }))
    .where('signal_outbox.id', '=', id)
    .execute()
}

/** Social refused the signal for good, with this answer: the delivery does not send it again. */
export function markSignalRefused(db: SignalOutboxDatabase, id: string, error: string) {
  return db
    .updateTable('signal_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000), refused_at: sql<Date>`now()` }))
    .where('signal_outbox.id', '=', id)
    .execute()
}

/**
 * The signals social has not confirmed, for the side's administrator: those refused for good first (they need a
 * person), then those still being retried; oldest first within each.
 */
export function listSignalsNotDelivered(db: SignalOutboxDatabase, first: number) {
  return db
    .selectFrom('signal_outbox')
    .select(COLUMNS)
    .where('signal_outbox.delivered_at', 'is', null)
    .orderBy(sql`signal_outbox.refused_at is null`)
    .orderBy('signal_outbox.created_at')
    .orderBy('signal_outbox.id')
    .limit(first)
    .execute()
}
