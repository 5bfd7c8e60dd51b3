import cluster from 'node:cluster'
import { readFileSync } from 'node:fs'
import { openSigner, openVerifier } from '@hub/platform/auth/config'
import { setRegionTimeZone } from '@hub/platform/region-time'
import { stopOnSignals } from '@hub/platform/service'
import { createTelemetry } from '@hub/platform/telemetry/telemetry'
import { loadConfig } from './config.js'
import { startGateway } from './server.js'
import { runWorkers } from './workers.js'

const config = loadConfig()
setRegionTimeZone(config.timeZone)
const telemetry = createTelemetry({ service: 'gateway', ...config.telemetry })
if (config.workers > 1 && cluster.isPrimary) {
  runWorkers(config.workers, telemetry.logger)
} else {
  const gateway = await startGateway(
    {
      supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
      subgraphs: config.subgraphs,
      resilience: config.resilience,
      verifier: await openVerifier(config.auth),
      callSigner: await openSigner(config.serviceKey, config.auth),
    },
    { ...config, telemetry },
  )
  stopOnSignals(gateway.stop, telemetry.logger)
  const { operations, milliseconds } = gateway.warmedUp
  telemetry.logger.info(
    { tracing: config.telemetry.tracesUrl ?? 'off' },
    `gateway ready at ${gateway.url} (${operations} committed operations planned in ${milliseconds} ms)`,
  )
}
