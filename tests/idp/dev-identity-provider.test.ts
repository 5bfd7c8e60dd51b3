import { spawnSync } from 'node:child_process'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEV_SCREENS_SCOPE } from '@hub/platform/auth/keys'
import { demoUsers } from '../../idp/src/users.js'
import { TEST_RULES, testGatewayVerifier } from '@hub/testing/auth'
import { signInWithCode, startTestIdentityProvider, TEST_SCREENS_CLIENT } from '../support/idp.js'

const SCREENS = 'http://127.0.0.1:4999'
const redirectUri = `${SCREENS}/dashboard`

describe('the development identity provider', () => {
  let idp: Awaited<ReturnType<typeof startTestIdentityProvider>>
  beforeAll(async () => {
    idp = await startTestIdentityProvider([SCREENS])
  })
  afterAll(() => idp?.stop())

  const signIn = (login: string, password: string, redirect = redirectUri) =>
    signInWithCode(idp.issuer, { clientId: TEST_SCREENS_CLIENT, redirectUri: redirect, login, password })

  it('signs a demo user in with the code flow and PKCE; the hub accepts the access token with their claims', async () => {
    const { tokens } = await signIn('orlova', 'orlova-demo')
    expect(tokens?.error).toBeUndefined()
    const claims = decodeJwt(tokens!.access_token)
    expect(claims).toMatchObject({
      iss: TEST_RULES.issuer,
      aud: TEST_RULES.audience,
      sub: 'orlova',
      side: 'regional',
      role: 'coordinator',
      name: 'Орлова Марина Сергеевна',
    })
    expect(await testGatewayVerifier.verify(`Bearer ${tokens!.access_token}`)).toMatchObject({
      subject: 'orlova',
      side: 'regional',
      role: 'coordinator',
    })
    // The ID token is the provider's own, for the screens' client.
    expect(decodeJwt(tokens!.id_token)).toMatchObject({
      iss: idp.issuer,
      aud: TEST_SCREENS_CLIENT,
      name: 'Орлова Марина Сергеевна',
    })
  })

  it('puts a specialist’s organisation into the token', async () => {
    const org = '0b0e8a2c-6f39-4d4e-9a57-1d2f3c4b5a69'
    const local = await startTestIdentityProvider([SCREENS])
    try {
      local.users.splice(0, local.users.length, ...demoUsers({ ngo: org }))
      const { tokens } = await signInWithCode(local.issuer, {
        clientId: TEST_SCREENS_CLIENT,
        redirectUri,
        login: 'novikova',
        password: 'novikova-demo',
      })
      expect(decodeJwt(tokens!.access_token)).toMatchObject({ side: 'ngo', role: 'specialist', org })
    } finally {
      await local.stop()
    }
  })

  it('refuses a wrong password or an unknown login in Russian, and issues nothing', async () => {
    for (const [login, password] of [
      ['orlova', 'orlova-dem'],
      ['nobody', 'nobody-demo'],
    ] as const) {
      const { refused, tokens } = await signIn(login, password)
      expect(tokens).toBeUndefined()
      expect(refused!.status).toBe(401)
      expect(await refused!.text()).toContain('Неверный логин или пароль.')
    }
  })

  it('renews the access token with the refresh token, and refuses the used one once rotated', async () => {
    const { tokens } = await signIn('morozov', 'morozov-demo')
    expect(tokens!.refresh_token).toBeTruthy()
    const refresh = (token: string) =>
      fetch(`${idp.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: token,
          client_id: TEST_SCREENS_CLIENT,
        }),
      })
    const renewed = (await (await refresh(tokens!.refresh_token!)).json()) as { access_token: string }
    expect(renewed.access_token).not.toBe(tokens!.access_token)
    expect(decodeJwt(renewed.access_token)).toMatchObject({ sub: 'morozov', side: 'health', role: 'specialist' })
    expect((await refresh(tokens!.refresh_token!)).status).toBe(400)
  })

  it('returns only to the registered screens, and only with PKCE', async () => {
    await expect(signIn('orlova', 'orlova-demo', 'http://127.0.0.1:5000/dashboard')).resolves.toMatchObject({
      refused: expect.objectContaining({ status: 400 }),
    })
    const withoutPkce = await fetch(
      `${idp.issuer}/auth?${new URLSearchParams({ client_id: TEST_SCREENS_CLIENT, redirect_uri: redirectUri, response_type: 'code', scope: DEV_SCREENS_SCOPE })}`,
      { redirect: 'manual' },
    )
    const location = new URL(withoutPkce.headers.get('location')!)
    expect(location.origin + location.pathname).toBe(redirectUri)
    expect(location.searchParams.get('error')).toBe('invalid_request')
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/)
  })

  it('lets the screens’ pages call its token endpoint, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${idp.issuer}/token`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      })
    expect((await preflight(SCREENS)).headers.get('access-control-allow-origin')).toBe(SCREENS)
    const elsewhere = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x', client_id: TEST_SCREENS_CLIENT }),
    })
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses to run in production', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'idp/src/main.ts'], {
      env: { ...process.env, NODE_ENV: 'production', IDP_PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('the development identity provider is refused when NODE_ENV=production')
  })
})
