import type { Kysely } from 'kysely'
import { requirePageSize } from '@hub/subgraph-kit/paging'
import { listSignalsNotDelivered, signalOutboxView, type SignalOutboxTables } from './signal_outbox.queries.js'

/**
 * `healthUndeliveredSignals` / `educationUndeliveredSignals`: the side's own outbox, what social has not confirmed,
 * for the side's administrators (gated `only: ['administrator']`).
 */
export function undeliveredSignalsResolver<DB extends SignalOutboxTables>(
  _parent: unknown,
  args: { first?: number | null },
  { db }: { db: Kysely<DB> },
) {
  return listSignalsNotDelivered(signalOutboxView(db), requirePageSize(args.first ?? 100))
}
