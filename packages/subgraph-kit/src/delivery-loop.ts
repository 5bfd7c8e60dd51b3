import { outboxWrites } from './outbox-writes.js'
import type { Logger } from '@hub/platform/telemetry/logger'

/**
 * The scheduling half of a transactional outbox: what a change committed
 * for later delivery (merge steps, signals, events) is sent by a round
 * that reads the outbox, sends what it can and records the outcome. The
 * loop runs rounds one at a time; a wake during a round runs one more
 * after it; only a round that left something undelivered schedules a
 * retry, so an idle subgraph does not poll its database.
 */
export interface DeliveryLoopOptions {
  /** One round over what is waiting: resolves true when something was not delivered and a retry is due. */
  round: () => Promise<boolean>
  /** How long to wait before retrying after a round that left something undelivered. */
  retryMs: number | (() => number)
  /** What the log says when a round itself fails (not a delivery: the round could not run). */
  failure: string
}

export function createDeliveryLoop({ round, retryMs, failure }: DeliveryLoopOptions) {
  let retry: NodeJS.Timeout | undefined
  let logger: Logger | undefined
  let running: Promise<void> | undefined
  let again = false
  let stopped = false
  // The outbox writes counted when the last round began (or when the loop was made: `start` reads what came before),
  // so that a round reads everything written before it.
  let seen = outboxWrites()
  const delay = () => (typeof retryMs === 'function' ? retryMs() : retryMs)

  function run(): Promise<void> {
    if (stopped) return Promise.resolve()
    if (running) {
      again = true
      return running
    }
    clearTimeout(retry)
    seen = outboxWrites()
    running = round()
      .then((failed) => {
        if (failed && !stopped) retry = setTimeout(() => void run(), delay())
      })
      .catch((error: unknown) => {
        logger?.error({ err: error }, failure)
        if (!stopped) retry = setTimeout(() => void run(), delay())
      })
      .finally(() => {
        running = undefined
        if (again) {
          again = false
          void run()
        }
      })
    return running
  }

  return {
    /** Delivers now what is waiting; called after a change that wrote to the outbox commits. */
    wake: () => void run(),
    /** Delivers now if an outbox row was written since the last round began: the kit's call after every mutation. */
    wakeIfWritten: () => {
      if (outboxWrites() !== seen) void run()
    },
    /** Delivers what an earlier run of the service left undelivered, reporting failed rounds to the service's log. */
    start(serviceLogger: Logger) {
      logger = serviceLogger
      void run()
    },
    /** Resolves once no round is running or due to run again at once: what a test waits for before counting. */
    async idle() {
      while (running) await running
    },
    /** Stops retrying and waits for the round in progress. */
    async stop() {
      stopped = true
      clearTimeout(retry)
      await running
    },
  }
}

export type DeliveryLoop = ReturnType<typeof createDeliveryLoop>
