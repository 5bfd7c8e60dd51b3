import { resolve } from 'node:path'
import { DEV_KEYS_VARIABLE } from '@hub/platform/auth/config'
import { DEFAULT_AUDIENCE, DEV_ISSUER, ensureDevKeys, readPrivateKey } from '@hub/platform/auth/keys'
import { createTokenSigner } from '@hub/platform/auth/tokens'

/**
 * Development sign-in of the embedded default: user tokens signed with the
 * development identity provider's key pair in the data folder, which every
 * service started without a configured key set trusts. Production refuses both.
 */
export async function openDevSignIn(env: NodeJS.ProcessEnv = process.env) {
  if (env.NODE_ENV === 'production') {
    throw new Error('development sign-in is refused when NODE_ENV=production; sign in with the identity provider')
  }
  const folder = resolve(env[DEV_KEYS_VARIABLE.name] || (DEV_KEYS_VARIABLE.default ?? 'data/auth'))
  return createTokenSigner(await readPrivateKey((await ensureDevKeys(folder, 'idp')).privateKey), {
    issuer: DEV_ISSUER,
    audience: DEFAULT_AUDIENCE,
  })
}

/** How long a printed development token lasts: a working day and then some. */
export const DEV_TOKEN_TTL_SECONDS = 12 * 3600
