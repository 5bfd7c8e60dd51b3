import { createHash, randomBytes } from 'node:crypto'
import { startDevIdentityProvider } from '../../idp/src/server.js'
import { DEV_SCREENS_SCOPE } from '@hub/platform/auth/keys'
import { demoUsers } from '../../idp/src/users.js'
import { TEST_RULES, testPrivateJwk } from '@hub/testing/auth'

export const TEST_SCREENS_CLIENT = 'test-screens'

/** The development identity provider signing with this worker's test key, as the test hub's services expect. */
export function startTestIdentityProvider(
  origins: readonly string[],
  { port = 0, ttlSeconds = 600 }: { port?: number; ttlSeconds?: number } = {},
) {
  return startDevIdentityProvider({
    port,
    signingKey: testPrivateJwk,
    accessTokens: { ...TEST_RULES, ttlSeconds },
    client: { id: TEST_SCREENS_CLIENT, origins },
    users: demoUsers(),
  })
}

/** A browser's cookies for one site, as far as these requests need them. */
class CookieJar {
  private readonly cookies = new Map<string, string>()
  keep(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';')
      const separator = pair!.indexOf('=')
      this.cookies.set(pair!.slice(0, separator), pair!.slice(separator + 1))
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

/**
 * The authorization-code flow with PKCE as the screens run it, with `fetch` for the browser: the login form posted
 * with `login` and `password`. Answers the last response (the login page again when refused) or the token response.
 */
export async function signInWithCode(
  issuer: string,
  {
    clientId,
    redirectUri,
    login,
    password,
  }: { clientId: string; redirectUri: string; login: string; password: string },
) {
  const jar = new CookieJar()
  const verifier = randomBytes(32).toString('base64url')
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  const step = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, issuer), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    })
    jar.keep(response)
    return response
  }
  let response = await step(
    `/auth?${new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: DEV_SCREENS_SCOPE,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'test-state',
    })}`,
  )
  let posted = false
  for (let hops = 0; hops < 10; hops++) {
    const location = response.headers.get('location')
    if (response.status === 200 && !posted) {
      const action = /action="([^"]+)"/.exec(await response.text())?.[1]
      if (!action) throw new Error('no login form')
      posted = true
      response = await step(action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login, password }).toString(),
      })
      continue
    }
    if (!location) return { refused: response }
    if (location.startsWith(redirectUri)) {
      const code = new URL(location).searchParams.get('code')!
      const tokens = await fetch(new URL('/token', issuer), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: clientId,
          code_verifier: verifier,
        }).toString(),
      })
      return {
        tokens: (await tokens.json()) as {
          access_token: string
          id_token: string
          refresh_token?: string
          expires_in: number
          error?: string
        },
      }
    }
    response = await step(location)
  }
  throw new Error('the sign-in did not end')
}
