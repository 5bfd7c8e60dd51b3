import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { printSchema, Supergraph } from '@apollo/federation-internals'
import { buildSchema, Kind, parse, validate } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleTabs } from '../../dashboard/src/explorer/operations.js'
import { loadConfig } from '../../gateway/src/config.js'
import { DEV_SIGN_IN_PATH, openDevSigner } from '../../gateway/src/explorer/dev-sign-in.js'
import { SCHEMA_PATH } from '../../gateway/src/explorer/schema.js'
import { startGateway } from '../../gateway/src/server.js'
import type { RunningService } from '../../subgraphs/kit/src/server.js'
import { authorizationFor, testGatewaySigner, testGatewayVerifier, testSigner, viewers } from '../support/auth.js'
import { postGraphQL } from '../support/graphql.js'
import { supergraphSdl } from '../support/hub.js'

/** A gateway alone: these routes answer without calling any subgraph. */
function gatewayAt(options: { production?: boolean; devSignIn?: boolean } = {}) {
  return startGateway(
    {
      supergraphSdl,
      subgraphs: {},
      verifier: testGatewayVerifier,
      callSigner: testGatewaySigner,
      devSignIn: options.devSignIn ? testSigner : undefined,
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

describe('the development sign-in behind the role picker', () => {
  it('signs a token for a role that the gateway then accepts', async () => {
    const gateway = await gatewayAt({ devSignIn: true })
    try {
      const roles = (await (await fetch(`${origin(gateway)}${DEV_SIGN_IN_PATH}`)).json()) as { roles: { id: string }[] }
      expect(roles.roles.map((role) => role.id)).toContain('regional-coordinator')
      const response = await fetch(`${origin(gateway)}${DEV_SIGN_IN_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'regional-coordinator' }),
      })
      const { token } = (await response.json()) as { token: string }
      const viewer = await testGatewayVerifier.verify(`Bearer ${token}`)
      expect(viewer).toMatchObject({ side: 'regional', role: 'coordinator' })

      const unknown = await fetch(`${origin(gateway)}${DEV_SIGN_IN_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'superuser' }),
      })
      expect(unknown.status).toBe(400)
    } finally {
      await gateway.stop()
    }
  })

  it('is not mounted without a development signer', async () => {
    const gateway = await gatewayAt()
    try {
      expect((await fetch(`${origin(gateway)}${DEV_SIGN_IN_PATH}`)).status).toBe(404)
    } finally {
      await gateway.stop()
    }
  })

  it('refuses to start a production gateway with it', async () => {
    await expect(gatewayAt({ production: true, devSignIn: true })).rejects.toThrow(/production/)
  })

  describe('openDevSigner, which main.ts passes to the gateway', () => {
    const folder = mkdtempSync(join(tmpdir(), 'hub-dev-sign-in-'))
    afterAll(() => rmSync(folder, { recursive: true, force: true }))
    const base = { HUB_DEV_KEYS_DIR: folder }

    it('opens the development signer in development with the development keys', async () => {
      expect(await openDevSigner(loadConfig({ ...base }))).toBeDefined()
    })

    it('opens nothing in production, nor with a configured key set', async () => {
      const production = { ...loadConfig({ ...base }), production: true }
      expect(await openDevSigner(production)).toBeUndefined()
      const configured = loadConfig({ ...base, GATEWAY_JWKS: join(folder, 'idp-jwks.json') })
      expect(await openDevSigner(configured)).toBeUndefined()
    })
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
