import type { Server } from 'node:http'
import type { Logger } from './telemetry/logger.js'

/** A service listening: where, its HTTP server, and how to stop it (in-flight requests finish first). */
export interface RunningService {
  url: string
  httpServer: Server
  stop(): Promise<void>
}

/** Stops the given services once on SIGINT or SIGTERM, letting in-flight requests finish. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger) {
  let stopping = false
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.fatal({ err: error, signal }, 'failed to stop cleanly')
        logger.flush()
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
}
