import { randomUUID } from 'node:crypto'
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { exportJWK, generateKeyPair, type JWK } from 'jose'

/** Development keys are marked by their key id, so that production can recognise and refuse them. */
export const DEV_KEY_PREFIX = 'dev-'
export const DEV_ISSUER = 'early-help-hub-dev'
export const DEFAULT_AUDIENCE = 'early-help-hub'
/** The development identity provider of the embedded default (`idp/`): where it listens and the screens' client there. */
export const DEV_IDP_URL = 'http://127.0.0.1:4005'
export const DEV_SCREENS_CLIENT_ID = 'early-help-hub-screens'
/** What the screens ask it for: who the user is, and the hub's resource scope. */
export const DEV_SCREENS_SCOPE = 'openid profile hub'
export const SIGNING_ALGORITHM = 'ES256'

export interface JsonWebKeySet {
  keys: JWK[]
}

/** Who may sign the hub's tokens besides the identity provider: the gateway (its calls) and each subgraph (its own). */
export const SERVICE_KEY_OWNERS = ['gateway', 'social', 'health', 'education', 'ngo'] as const
export type ServiceKeyOwner = (typeof SERVICE_KEY_OWNERS)[number]
/** Every holder of a development key pair: the development identity provider and each service. */
export type KeyOwner = 'idp' | ServiceKeyOwner

/** Where the embedded default keeps one owner's development key pair. */
export function devKeyPaths(folder: string, owner: KeyOwner) {
  return { jwks: join(folder, `${owner}-jwks.json`), privateKey: join(folder, `${owner}-private-key.json`) }
}

async function readJson<T>(path: string) {
  return JSON.parse(await readFile(path, 'utf8')) as T
}

/** Writes a file only if it does not exist yet, all at once: concurrent starters never see half a key. */
async function writeOnce(path: string, content: string) {
  const temporary = `${path}.${randomUUID()}.tmp`
  await writeFile(temporary, content, { mode: 0o600 })
  try {
    await link(temporary, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    await rm(temporary, { force: true })
  }
}

/**
 * One owner's development key pair of the embedded default, generated
 * into the data folder on first use and reused afterwards. Each owner has
 * its own pair, so that a key stolen from one service signs nothing but
 * that service's own tokens.
 */
export async function ensureDevKeys(folder: string, owner: KeyOwner) {
  const paths = devKeyPaths(folder, owner)
  await mkdir(dirname(paths.privateKey), { recursive: true })
  try {
    await readFile(paths.privateKey)
  } catch {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true })
    const kid = `${DEV_KEY_PREFIX}${owner}-${randomUUID()}`
    const jwk = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' }
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' }] }
    await writeOnce(paths.privateKey, JSON.stringify(jwk, null, 2))
    // Another starter may have won the race for the private key; the public set must match whichever did.
    const winner = await readJson<JWK>(paths.privateKey)
    if (winner.kid === kid) {
      const temporary = `${paths.jwks}.${randomUUID()}.tmp`
      await writeFile(temporary, JSON.stringify(jwks, null, 2))
      await rename(temporary, paths.jwks)
    }
  }
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      await readFile(paths.jwks)
      return paths
    } catch {
      await new Promise((resolveWait) => setTimeout(resolveWait, 20))
    }
  }
  throw new Error(`${paths.jwks}: the development key set was not written`)
}

export function readPrivateKey(path: string) {
  return readJson<JWK>(path)
}

export function readKeySet(path: string) {
  return readJson<JsonWebKeySet>(path)
}

export function isDevKey(key: JWK) {
  return typeof key.kid === 'string' && key.kid.startsWith(DEV_KEY_PREFIX)
}
