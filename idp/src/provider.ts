import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { JWK } from 'jose'
import Provider, { type Configuration } from 'oidc-provider'
import { loginPage, logoutPage, errorPage, signedOutPage } from './pages.js'
import type { DemoUser } from './users.js'

/** The resource every access token is for: the hub's graph, whose services check the token's `aud`. */
export const HUB_RESOURCE = 'urn:early-help-hub:graph'
const HUB_SCOPE = 'hub'

export interface DevIdentityProviderOptions {
  /** The provider's own URL (`http://127.0.0.1:4005`): discovery, the login page and the endpoints live under it. */
  issuer: string
  /** The private key it signs ID and access tokens with: the one the hub's services trust for user tokens. */
  signingKey: JWK
  /**
   * The `iss` and `aud` the hub's services expect of a user token (`<NAME>_JWT_ISSUER`, `<NAME>_JWT_AUDIENCE`): the
   * embedded default's services expect the development issuer's name rather than this provider's URL.
   */
  accessTokens: { issuer: string; audience: string; ttlSeconds: number }
  /** The screens' client id and the origins whose `/dashboard` and `/explorer` it returns to (the gateway's). */
  client: { id: string; origins: readonly string[] }
  /** Who may sign in; the list may grow while the provider runs (a test adds a provider's staff). */
  users: DemoUser[]
  /** A working day: how long a sign-in lasts before the person types the password again. */
  sessionSeconds?: number
}

const WORKING_DAY_SECONDS = 10 * 3600

/** A request to the provider's own routes (Koa's context). */
type Context = Parameters<Parameters<Provider['use']>[0]>[0]

function samePassword(typed: string, password: string) {
  const a = Buffer.from(typed)
  const b = Buffer.from(password)
  return a.length === b.length && timingSafeEqual(a, b)
}

async function formBody(ctx: Context) {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > 4096) ctx.throw(413)
    chunks.push(chunk)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

/** Pages only from this provider; forms post here and may go on to the screens' origins. */
function securePage(ctx: Context, origins: readonly string[], nonce?: string) {
  ctx.set(
    'content-security-policy',
    [
      "default-src 'none'",
      "style-src 'unsafe-inline'",
      nonce ? `script-src 'nonce-${nonce}'` : "script-src 'none'",
      `form-action 'self' ${origins.join(' ')}`,
      "frame-ancestors 'none'",
    ].join('; '),
  )
  ctx.set('cache-control', 'no-store')
  ctx.type = 'html'
}

/**
 * The development identity provider of the embedded default: a certified OpenID Connect implementation
 * (`oidc-provider`) with the demo users, one public client for the screens (authorization code with PKCE, refresh
 * tokens for silent renewal), and access tokens as JWTs carrying the hub's claims (`side`, `role`, `org`, `name`),
 * signed with the key the hub's services trust. Everything it holds lives in memory: a restart signs everyone out.
 */
export function createDevIdentityProvider(options: DevIdentityProviderOptions) {
  const { issuer, signingKey, accessTokens, client, users } = options
  const sessionSeconds = options.sessionSeconds ?? WORKING_DAY_SECONDS
  const userById = (id: string) => users.find((user) => user.login === id)
  const redirects = (path: string) => client.origins.map((origin) => `${origin}${path}`)

  const configuration: Configuration = {
    clients: [
      {
        client_id: client.id,
        client_name: 'Ранняя помощь',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...redirects('/dashboard'), ...redirects('/explorer')],
        post_logout_redirect_uris: [...redirects('/dashboard'), ...redirects('/explorer')],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [{ ...signingKey, use: 'sig' }] },
    // The screens call the token endpoint from the gateway's pages: those origins only.
    clientBasedCORS: (_ctx, origin) => client.origins.includes(origin),
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: ['name'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          const nonce = randomBytes(16).toString('base64')
          securePage(ctx, client.origins, nonce)
          ctx.body = logoutPage(form, nonce)
        },
        async postLogoutSuccessSource(ctx) {
          securePage(ctx, client.origins)
          ctx.body = signedOutPage(client.origins[0])
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => HUB_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          scope: HUB_SCOPE,
          audience: accessTokens.audience,
          accessTokenTTL: accessTokens.ttlSeconds,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
    async findAccount(_ctx, id) {
      const user = userById(id)
      if (!user) return undefined
      return { accountId: id, claims: async () => ({ sub: id, name: user.name }) }
    },
    // The hub's claims go into the access token its services read: the user's side, role and organisation, and the
    // work address the screens offer for e-mail notifications.
    async extraTokenClaims(_ctx, token) {
      const user = 'accountId' in token ? userById(token.accountId) : undefined
      return user ? { ...user.claims, ...(user.email && { email: user.email }) } : undefined
    },
    formats: {
      customizers: {
        async jwt(_ctx, _token, jwt) {
          jwt.payload.iss = accessTokens.issuer
          return jwt
        },
      },
    },
    // Refresh tokens renew the screens' access tokens silently; they end with the sign-in session.
    issueRefreshToken: async (_ctx, requester) => requester.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: accessTokens.ttlSeconds,
      AuthorizationCode: 60,
      IdToken: accessTokens.ttlSeconds,
      Interaction: 600,
      Session: sessionSeconds,
      Grant: sessionSeconds,
      RefreshToken: sessionSeconds,
    },
    interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async renderError(ctx, out) {
      securePage(ctx, client.origins)
      ctx.body = errorPage(String(out.error_description ?? out.error))
    },
  }

  const provider = new Provider(issuer, configuration)
  // Behind a TLS-terminating proxy in a test bed the provider would read X-Forwarded-*; the development one is direct.
  provider.proxy = false

  /**
   * The screens are the hub's own and only client: the person is not asked to consent to what the hub may do, and is
   * granted the scopes it asked for among those this provider has.
   */
  async function grantAll(ctx: Context, accountId: string, clientId: string, details: Record<string, unknown>) {
    const grant = new provider.Grant({ accountId, clientId })
    const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details as {
      missingOIDCScope?: string[]
      missingOIDCClaims?: string[]
      missingResourceScopes?: Record<string, string[]>
    }
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '))
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims)
    for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes.join(' '))
    }
    const grantId = await grant.save()
    const to = await provider.interactionResult(
      ctx.req,
      ctx.res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    )
    ctx.redirect(to)
  }

  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(ctx.path)
    if (!match) return next()
    const details = await provider.interactionDetails(ctx.req, ctx.res)
    const { uid, prompt, params, session } = details
    if (prompt.name === 'consent') {
      return grantAll(ctx, session!.accountId, String(params.client_id), prompt.details)
    }
    if (ctx.method === 'GET') {
      securePage(ctx, client.origins)
      ctx.body = loginPage({ action: `/interaction/${uid}/login`, users })
      return undefined
    }
    if (ctx.method !== 'POST' || !match[2]) return ctx.throw(405)
    const form = await formBody(ctx)
    const login = (form.get('login') ?? '').trim()
    const user = userById(login)
    if (!user || !samePassword(form.get('password') ?? '', user.password)) {
      securePage(ctx, client.origins)
      ctx.status = 401
      ctx.body = loginPage({ action: `/interaction/${uid}/login`, users, login, failed: true })
      return undefined
    }
    const to = await provider.interactionResult(
      ctx.req,
      ctx.res,
      { login: { accountId: user.login } },
      { mergeWithLastSubmission: false },
    )
    return ctx.redirect(to)
  })

  return provider
}
