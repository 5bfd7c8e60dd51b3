import { pino, type DestinationStream, type Logger } from 'pino'
import type { LogLevel } from './config.js'

export type { Logger }

/**
 * One JSON object a line, with the level's name, an ISO time and the service, so that a collector reading the
 * containers' stdout can tell the five services apart. `destination` is for tests, which read the lines back.
 */
export function createLogger(service: string, level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Asynchronous: a request never waits for stdout; `flush()` at stop writes what is left.
    destination ?? pino.destination({ dest: 1, sync: false }),
  )
}
