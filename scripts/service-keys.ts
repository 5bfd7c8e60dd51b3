import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { exportJWK, generateKeyPair } from 'jose'
import { SIGNING_ALGORITHM } from '../subgraphs/kit/src/auth/keys.js'
import { SUBGRAPH_NAMES } from '../subgraphs/kit/src/config.js'

/**
 * `npm run keys:service -- --out secrets`: one production key pair per
 * subgraph for its calls to the other subgraphs. Writes each private key
 * as `<name>-service-key.json` (a secret of that subgraph alone) and the
 * public halves as `service-jwks.json`, whose keys go into the key set
 * every service trusts, beside the identity provider's.
 */
const { values } = parseArgs({ options: { out: { type: 'string', default: 'secrets' } } })
const folder = resolve(values.out)
await mkdir(folder, { recursive: true })
const publicKeys = []
for (const name of SUBGRAPH_NAMES) {
  const path = join(folder, `${name}-service-key.json`)
  if (existsSync(path)) {
    console.error(`${path} exists; move it away to make a new key`)
    process.exit(1)
  }
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true })
  const kid = `${name}-service-${randomUUID()}`
  const header = { kid, alg: SIGNING_ALGORITHM, use: 'sig' }
  await writeFile(path, JSON.stringify({ ...(await exportJWK(privateKey)), ...header }, null, 2), { mode: 0o600 })
  publicKeys.push({ ...(await exportJWK(publicKey)), ...header })
}
await writeFile(join(folder, 'service-jwks.json'), JSON.stringify({ keys: publicKeys }, null, 2))
console.log(`wrote ${SUBGRAPH_NAMES.length} service keys and service-jwks.json to ${folder}`)
