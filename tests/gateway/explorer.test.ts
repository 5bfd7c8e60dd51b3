import { readdirSync, readFileSync } from 'node:fs'
import { printSchema, Supergraph } from '@apollo/federation-internals'
import { buildSchema, Kind, parse, validate } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleTabs } from '../../dashboard/src/explorer/operations.js'
import { loadConfig } from '../../gateway/src/config.js'
import { SCHEMA_PATH } from '../../gateway/src/explorer/schema.js'
import { startGateway } from '../../gateway/src/server.js'
import { SIGN_IN_CONFIG_PATH } from '../../gateway/src/sign-in.js'
import { DEV_IDP_URL, DEV_SCREENS_CLIENT_ID } from '@hub/platform/auth/keys'
import type { RunningService } from '@hub/platform/service'
import { DEFAULT_TIME_ZONE, setRegionTimeZone } from '@hub/platform/region-time'
import { authorizationFor, testGatewaySigner, testGatewayVerifier, viewers } from '@hub/testing/auth'
import { postGraphQL } from '@hub/testing/graphql'
import { supergraphSdl } from '../support/hub.js'

/** A gateway alone: these routes answer without calling any subgraph. */
function gatewayAt(options: { production?: boolean } = {}) {
  return startGateway(
    {
      supergraphSdl,
      subgraphs: {},
      verifier: testGatewayVerifier,
      callSigner: testGatewaySigner,
    },
    { host: '127.0.0.1', port: 0, production: options.production },
  )
}

const origin = (gateway: RunningService) => new URL(gateway.url).origin
const INTROSPECTION = '{ __schema { queryType { name } } }'

describe('the explorer’s schema endpoint', () => {
  let development: RunningService
  let production: RunningService
  beforeAll(async () => {
    development = await gatewayAt()
    production = await gatewayAt({ production: true })
  })
  afterAll(async () => {
    await development?.stop()
    await production?.stop()
  })

  it('refuses a request without a valid token with 401 UNAUTHENTICATED', async () => {
    for (const authorization of [undefined, 'Bearer not-a-token']) {
      const response = await fetch(`${origin(development)}${SCHEMA_PATH}`, {
        headers: authorization ? { authorization } : {},
      })
      expect(response.status).toBe(401)
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions).toEqual(
        { code: 'UNAUTHENTICATED', rule: authorization ? 'TOKEN_INVALID' : 'TOKEN_REQUIRED' },
      )
    }
  })

  it('gives a signed-in user the API schema with its Russian descriptions even where introspection is off', async () => {
    const authorization = await authorizationFor(viewers.analyst('regional'))
    const introspection = await postGraphQL(production.url, INTROSPECTION, {}, authorization)
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i)

    const response = await fetch(`${origin(production)}${SCHEMA_PATH}`, { headers: { authorization } })
    expect(response.status).toBe(200)
    const sdl = await response.text()
    expect(sdl).toContain('Ребёнок из регионального реестра по идентификатору')
    expect(sdl).toMatch(/children\(/)
    // The routing of the supergraph and the fields hidden from the gateway stay out.
    expect(sdl).not.toContain('join__')
    expect(sdl).not.toContain('accessAudit')
  })
})

describe('where the screens sign in', () => {
  const signIn = { issuer: 'https://idp.example.ru/realms/region', clientId: 'hub-screens', scope: 'openid profile' }

  it('tells the screens the identity provider, the client and the scope, and lets them reach the provider only', async () => {
    setRegionTimeZone('Asia/Kamchatka')
    const gateway = await startGateway(
      { supergraphSdl, subgraphs: {}, verifier: testGatewayVerifier, callSigner: testGatewaySigner },
      { host: '127.0.0.1', port: 0, signIn },
    )
    try {
      const response = await fetch(`${origin(gateway)}${SIGN_IN_CONFIG_PATH}`)
      // And the region's time zone, in which the screens count today.
      expect(await response.json()).toEqual({ ...signIn, timeZone: 'Asia/Kamchatka' })
      const page = await fetch(`${origin(gateway)}/dashboard`)
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self' https://idp.example.ru;")
    } finally {
      setRegionTimeZone(DEFAULT_TIME_ZONE)
      await gateway.stop()
    }
  })

  it('says nothing when no provider is set up, and the pages reach no other origin', async () => {
    const gateway = await gatewayAt()
    try {
      expect((await fetch(`${origin(gateway)}${SIGN_IN_CONFIG_PATH}`)).status).toBe(404)
      const page = await fetch(`${origin(gateway)}/dashboard`)
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self';")
      // A large XLSX download compresses in a worker made from a blob: of the page's own script.
      expect(page.headers.get('content-security-policy')).toContain("worker-src 'self' blob:;")
    } finally {
      await gateway.stop()
    }
  })

  it('is the development identity provider in development, and must be set over https in production', () => {
    expect(loadConfig({}).signIn).toEqual({
      issuer: DEV_IDP_URL,
      clientId: DEV_SCREENS_CLIENT_ID,
      scope: 'openid profile hub',
    })
    const production = {
      NODE_ENV: 'production',
      GATEWAY_HOST: '0.0.0.0',
      GATEWAY_PORT: '4000',
      GATEWAY_JWKS: '/keys/idp.json',
      GATEWAY_JWT_ISSUER: 'https://idp.example.ru/realms/region',
      GATEWAY_SERVICE_KEY: '/keys/gateway.json',
      GATEWAY_SOCIAL_URL: 'http://social:4001/graphql',
      GATEWAY_HEALTH_URL: 'http://health:4002/graphql',
      GATEWAY_EDUCATION_URL: 'http://education:4003/graphql',
      GATEWAY_NGO_URL: 'http://ngo:4004/graphql',
      GATEWAY_OIDC_CLIENT_ID: 'hub-screens',
      GATEWAY_OPERATOR_NAME: 'ГКУ «Региональный центр ранней помощи»',
      GATEWAY_OPERATOR_ADDRESS: 'г. Энск, ул. Ленина, д. 1',
    }
    expect(() => loadConfig(production)).toThrow(/GATEWAY_OIDC_ISSUER: must be set/)
    expect(() => loadConfig({ ...production, GATEWAY_OIDC_ISSUER: 'http://idp.example.ru/realms/region' })).toThrow(
      /GATEWAY_OIDC_ISSUER: production signs in over https only/,
    )
    expect(
      loadConfig({ ...production, GATEWAY_OIDC_ISSUER: 'https://idp.example.ru/realms/region/' }).signIn.issuer,
    ).toBe('https://idp.example.ru/realms/region')
  })
})

describe('the dashboard and the explorer pages', () => {
  let gateway: RunningService
  beforeAll(async () => {
    gateway = await gatewayAt()
  })
  afterAll(() => gateway?.stop())

  it('serves the dashboard on every route below /dashboard and the explorer on /explorer, from this origin only', async () => {
    for (const [path, title] of [
      ['/dashboard', 'Ранняя помощь'],
      ['/dashboard/children/3f0c2a36-0000-4000-8000-000000000000', 'Ранняя помощь'],
      ['/explorer', 'Обозреватель GraphQL'],
    ] as const) {
      const response = await fetch(`${origin(gateway)}${path}`)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'")
      expect(await response.text()).toContain(title)
    }
  })

  it('serves the hashed assets the pages load', async () => {
    const page = await (await fetch(`${origin(gateway)}/explorer`)).text()
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1]
    expect(script).toBeDefined()
    const response = await fetch(`${origin(gateway)}${script}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toContain('immutable')
  })
})

describe('the explorer’s example tabs', () => {
  it('are the committed operations, each valid against the API schema as it stands, fragments included', () => {
    const schema = buildSchema(printSchema(Supergraph.build(supergraphSdl).apiSchema()))
    const tabs = exampleTabs()
    const folder = new URL('../../schema/operations/', import.meta.url)
    const committed = readdirSync(folder).flatMap((file) =>
      parse(readFileSync(new URL(file, folder), 'utf8')).definitions.flatMap((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION ? [definition.name!.value] : [],
      ),
    )
    const names = tabs.map((tab) => /^(?:query|mutation) (\w+)/m.exec(tab.query)?.[1])
    expect([...names].sort()).toEqual([...committed].sort())
    for (const tab of tabs) expect(validate(schema, parse(tab.query)), tab.query.slice(0, 200)).toEqual([])
    expect(JSON.parse(tabs[names.indexOf('ChildCard')]!.variables)).toEqual({ id: '' })
  })
})
