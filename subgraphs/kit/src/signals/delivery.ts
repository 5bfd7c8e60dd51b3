import type { Kysely } from 'kysely'
import type { ServiceCredentials } from '../auth/tokens.js'
import { createDeliveryLoop } from '../delivery-loop.js'
import { describeCallFailure, postToService } from '../http.js'
import {
  listUndeliveredSignals,
  markSignalDelivered,
  markSignalFailed,
  signalOutboxView,
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
  errors?: { message: string }[]
}

/** Social could not be reached or did not answer: the rest of the outbox waits too, to keep the order. */
class Unreachable extends Error {}

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
  if (body.errors?.length || !body.data?.receiveChildFindSignal) {
    throw new Error(body.errors?.map((error) => error.message).join('; ') || `HTTP ${response.status}`)
  }
}

/**
 * Delivers a side's child-find signals to social: the transactional outbox of a record that meets a target-group
 * criterion. The record and its signal commit together; this loop sends each undelivered signal, oldest first, to
 * social's `receiveChildFindSignal` with the side's own service token (social takes the side from that token) and
 * marks it delivered once social confirms. Social keeps one signal per id, so a signal sent again after a crash
 * between the two steps creates nothing new. While social is unreachable the round stops, keeping the order; a
 * signal social refuses is recorded with the reason and tried again, without holding up the ones after it.
 */
export function createSignalDelivery<DB extends SignalOutboxTables>(
  db: Kysely<DB>,
  options: SignalDeliveryOptions,
  credentials: ServiceCredentials,
) {
  const outbox = signalOutboxView(db)

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
        failed = true
        await markSignalFailed(outbox, signal.id, error instanceof Error ? error.message : String(error))
        if (error instanceof Unreachable) break
      }
    }
    return failed
  }

  return createDeliveryLoop({ round: deliverPending, retryMs: options.retryMs, failure: 'signal delivery failed' })
}

export type SignalDelivery = ReturnType<typeof createSignalDelivery>

/** A write that may have added a signal to the outbox: once it has committed, the delivery sends what is waiting. */
export async function deliverAfter<T>(committed: () => void, written: Promise<T>) {
  const result = await written
  committed()
  return result
}
