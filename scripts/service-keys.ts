import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { exportJWK, generateKeyPair } from 'jose'
import { SERVICE_KEY_OWNERS, SIGNING_ALGORITHM } from '@hub/platform/auth/keys'

/**
 * `npm run keys:service -- --out secrets`: one production key pair per
 * service that signs its own calls — the gateway and each subgraph. Writes
 * each private key as `<owner>-service-key.json` (a secret of that service
 * alone) and its public half as `<owner>-service-jwks.json`, which every
 * subgraph trusts for that owner's tokens only (`<NAME>_SERVICE_JWKS`, whose
 * value is printed).
 */
const { values } = parseArgs({ options: { out: { type: 'string', default: 'secrets' } } })
const folder = resolve(values.out)
await mkdir(folder, { recursive: true })
for (const owner of SERVICE_KEY_OWNERS) {
  for (const file of [`${owner}-service-key.json`, `${owner}-service-jwks.json`]) {
    if (existsSync(join(folder, file))) {
      console.error(`${join(folder, file)} exists; move it away to make new keys`)
      process.exit(1)
    }
  }
}
for (const owner of SERVICE_KEY_OWNERS) {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true })
  const header = { kid: `${owner}-service-${randomUUID()}`, alg: SIGNING_ALGORITHM, use: 'sig' }
  await writeFile(
    join(folder, `${owner}-service-key.json`),
    JSON.stringify({ ...(await exportJWK(privateKey)), ...header }, null, 2),
    { mode: 0o600 },
  )
  await writeFile(
    join(folder, `${owner}-service-jwks.json`),
    JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), ...header }] }, null, 2),
  )
}
console.log(`wrote the private and public keys of ${SERVICE_KEY_OWNERS.join(', ')} to ${folder}
<NAME>_SERVICE_JWKS=${SERVICE_KEY_OWNERS.map((owner) => `${owner}=${join(folder, `${owner}-service-jwks.json`)}`).join(',')}`)
