/**
 * Hive Gateway as a process of its own, so a benchmark can measure its memory apart from the subgraphs':
 * `HIVE_PORT=4100 SOCIAL_URL=… HEALTH_URL=… EDUCATION_URL=… NGO_URL=… npx tsx bench/hive/main.ts`.
 * Liveness at `/healthz`, readiness (the supergraph is loaded) at `/readyz`, as on our gateway.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { DEFAULT_AUDIENCE, DEV_ISSUER, ensureDevKeys, readPrivateKey } from '@hub/platform/auth/keys'
import { createGatewayAssertions, createTokenSigner } from '@hub/platform/auth/tokens'
import { startHiveGateway } from './gateway.js'

function required(name: string) {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

// The hub under measurement runs on the development keys (HUB_DEV_KEYS_DIR): Hive signs its calls as our gateway does.
const { privateKey } = await ensureDevKeys(resolve(process.env.HUB_DEV_KEYS_DIR ?? 'data/auth'), 'gateway')
const assertions = createGatewayAssertions(
  createTokenSigner(await readPrivateKey(privateKey), { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE }),
)

const gateway = await startHiveGateway({
  supergraphSdl: readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'),
  urls: {
    social: required('SOCIAL_URL'),
    health: required('HEALTH_URL'),
    education: required('EDUCATION_URL'),
    ngo: required('NGO_URL'),
  },
  signCall: (authorization) => assertions.for(authorization),
  port: Number(process.env.HIVE_PORT ?? 4100),
  host: process.env.HIVE_HOST ?? '127.0.0.1',
})
console.log(`hive gateway ready at ${gateway.url}`)

// The kit's stopOnSignals would load Apollo Server into this process (see gateway.ts), so the signals are handled here.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`failed to stop cleanly after ${signal}`, error)
        process.exit(1)
      },
    )
  })
}
