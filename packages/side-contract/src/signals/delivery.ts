import type { Kysely, Transaction } from 'kysely'
import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import { createDeliveryLoop } from '@hub/subgraph-kit/delivery-loop'
import { describeCallFailure, postToService } from '@hub/platform/http'
import { noteOutboxWrite } from '@hub/subgraph-kit/outbox-writes'
import type { Logger } from '@hub/platform/telemetry/logger'
import {
  insertSignal,
  listUndeliveredSignals,
  markSignalDelivered,
  markSignalFailed,
  markSignalRefused,
  signalOutboxView,
  type NewSignal,
  type SignalOutboxTables,
} from './signal_outbox.queries.js'

/** Where social listens and how patiently signals are delivered to it. */
export interface SignalDeliveryOptions {
  /** GraphQL URL of the social subgraph itself. */
  url: string
  retryMs: number
  timeoutMs: number
}

const RECEIVE_CHILD_FIND_SIGNAL = /* GraphQL */ `
  mutation ReceiveChildFindSignal($input: ReceiveChildFindSignalInput!) {
    receiveChildFindSignal(input: $input) {
      id
    }
  }
`

interface ReceiveResponse {
  data?: { receiveChildFindSignal: { id: string } | null } | null
  errors?: { message: string; extensions?: { code?: unknown } }[]
}

/** Social could not be reached or did not answer: the rest of the outbox waits too, to keep the order. */
class Unreachable extends Error {}

/**
 * The codes with which social refuses a signal for good: a child it never issued, a kind or criterion it does not
 * take from this side, a sender it does not take signals from. Sent again unchanged, the signal would be refused
 * again; anything else (UNAVAILABLE, a fault, a timeout) may pass on a later try.
 */
const PERMANENT_REFUSALS: ReadonlySet<unknown> = new Set(['NOT_FOUND', 'BAD_USER_INPUT', 'FORBIDDEN'])

/** Social refused the signal for good: it is marked refused and not sent again. */
class Refused extends Error {}

async function send(options: SignalDeliveryOptions, authorization: string, input: object) {
  const response = await postToService(
    options.url,
    JSON.stringify({ query: RECEIVE_CHILD_FIND_SIGNAL, variables: { input } }),
    { 'content-type': 'application/json', authorization },
    options.timeoutMs,
  ).catch((error: unknown) => {
    throw new Unreachable(describeCallFailure(error, options.timeoutMs))
  })
  let body: ReceiveResponse
  try {
    body = JSON.parse(response.body) as ReceiveResponse
  } catch {
    throw new Unreachable(`HTTP ${response.status}`)
  }
  const errors = body.errors ?? []
  if (errors.length > 0 || !body.data?.receiveChildFindSignal) {
    const reason =
      errors.map((error) => `${String(error.extensions?.code ?? 'ERROR')}: ${error.message}`).join('; ') ||
      `HTTP ${response.status}`
    const permanent = errors.length > 0 && errors.every((error) => PERMANENT_REFUSALS.has(error.extensions?.code))
    throw permanent ? new Refused(reason) : new Error(reason)
  }
}

/**
 * Delivers a side's child-find signals to social: the transactional outbox of a record that meets a target-group
 * criterion. The record and its signal commit together; this loop sends each undelivered signal, oldest first, to
 * social's `receiveChildFindSignal` with the side's own service token (social takes the side from that token) and
 * marks it delivered once social confirms. Social keeps one signal per id, so a signal sent again after a crash
 * between the two steps creates nothing new. While social is unreachable the round stops, keeping the order; a
 * signal that fails otherwise is recorded with the reason and tried again, without holding up the ones after it,
 * unless social refused it for good (NOT_FOUND, BAD_USER_INPUT, FORBIDDEN): then it is marked refused, logged and
 * left to the side's administrator.
 */
export function createSignalDelivery<DB extends SignalOutboxTables>(
  db: Kysely<DB>,
  options: SignalDeliveryOptions,
  credentials: ServiceCredentials,
) {
  const outbox = signalOutboxView(db)
  let logger: Logger | undefined

  /** One round over what is waiting; true when something was not delivered and a retry is due. */
  async function deliverPending() {
    let failed = false
    for (const signal of await listUndeliveredSignals(outbox)) {
      try {
        await send(options, await credentials.authorization(), {
          id: signal.id,
          childId: signal.childId,
          kind: signal.kind,
          proposedCriterion: signal.proposedCriterion,
          sourceRecordId: signal.sourceRecordId,
          recordedOn: signal.recordedOn,
        })
        await markSignalDelivered(outbox, signal.id)
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        if (error instanceof Refused) {
          await markSignalRefused(outbox, signal.id, reason)
          logger?.error(
            { signalId: signal.id, kind: signal.kind, sourceRecordId: signal.sourceRecordId, reason },
            'child-find signal refused by social for good: not sent again',
          )
          continue
        }
        failed = true
        await markSignalFailed(outbox, signal.id, reason)
        if (error instanceof Unreachable) break
      }
    }
    return failed
  }

  const loop = createDeliveryLoop({
    round: deliverPending,
    retryMs: options.retryMs,
    failure: 'signal delivery failed',
  })
  return {
    ...loop,
    start(serviceLogger: Logger) {
      logger = serviceLogger
      loop.start(serviceLogger)
    },
  }
}

export type SignalDelivery = ReturnType<typeof createSignalDelivery>

/** Writes a signal to the outbox in the transaction of its record; once the mutation commits, the kit wakes the delivery. */
export async function writeSignal<DB extends SignalOutboxTables>(trx: Transaction<DB>, signal: NewSignal) {
  const written = await insertSignal(signalOutboxView<DB>(trx), signal)
  noteOutboxWrite()
  return written
}
