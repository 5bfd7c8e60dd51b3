import cluster, { type Worker } from 'node:cluster'
import type { Logger } from '@hub/platform/telemetry/logger'

/** How soon a worker that died is replaced, and how many deaths in a row stop the gateway instead. */
const RESTART_DELAY_MS = 1_000
const RESTARTS_IN_A_ROW = 5

/**
 * The primary of `GATEWAY_WORKERS` gateway processes sharing one port (node:cluster hands each new connection to the
 * next worker). It serves nothing itself: it starts the workers, replaces one that dies, and on SIGTERM or SIGINT
 * passes the signal on, so that each worker drains its requests, and ends when the last has ended. Each worker keeps
 * its own rate-limit counts (README, Gateway limits).
 */
export function runWorkers(count: number, logger: Logger) {
  let stopping = false
  let deathsInARow = 0
  const fork = () => {
    const worker = cluster.fork()
    worker.once('listening', () => {
      deathsInARow = 0
    })
    return worker
  }
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    deathsInARow++
    logger.error({ pid: worker.process.pid, signal, code }, 'gateway worker ended')
    if (deathsInARow > RESTARTS_IN_A_ROW) {
      logger.fatal({ deathsInARow }, 'gateway workers ended too many times in a row; stopping')
      logger.flush()
      process.exit(1)
    }
    setTimeout(fork, RESTART_DELAY_MS)
  })
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    const workers = Object.values(cluster.workers ?? {})
    if (workers.length === 0) process.exit(0)
    for (const worker of workers) worker?.process.kill(signal)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  for (let i = 0; i < count; i++) fork()
  logger.info({ pid: process.pid, workers: count }, 'gateway primary started its workers')
}
