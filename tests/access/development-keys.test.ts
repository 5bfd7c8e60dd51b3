import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadServiceKeyConfig, openSigner, openVerifier } from '@hub/platform/auth/config'
import { ensureDevKeys } from '@hub/platform/auth/keys'
import { loadSubgraphConfig } from '@hub/subgraph-kit/config'
import { openDevSignIn } from '../../scripts/dev-sign-in.js'

const folder = mkdtempSync(join(tmpdir(), 'hub-dev-keys-'))
const devKeys = join(folder, 'auth')

/** What a production deployment sets, pointed at the development keys where a test says so. */
function productionEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    HEALTH_HOST: '127.0.0.1',
    HEALTH_PORT: '0',
    HEALTH_DATABASE_URL: 'postgres://health@127.0.0.1:5432/health',
    HEALTH_JWKS: join(devKeys, 'idp-jwks.json'),
    HEALTH_SERVICE_JWKS: `social=${join(devKeys, 'social-jwks.json')}`,
    HEALTH_JWT_ISSUER: 'https://idp.region.example',
    HEALTH_SERVICE_KEY: join(devKeys, 'health-private-key.json'),
    HEALTH_SOCIAL_URL: 'http://social.region.example/graphql',
    HUB_DEV_KEYS_DIR: devKeys,
    ...overrides,
  }
}

describe('development keys', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('are generated once per owner, whoever starts first, and sign tokens every service of the checkout accepts', async () => {
    const started = await Promise.all([1, 2, 3, 4, 5].map(() => ensureDevKeys(devKeys, 'idp')))
    expect(new Set(started.map((paths) => readFileSync(paths.privateKey, 'utf8'))).size).toBe(1)
    const jwks = JSON.parse(readFileSync(started[0]!.jwks, 'utf8')) as { keys: { kid: string }[] }
    const privateKey = JSON.parse(readFileSync(started[0]!.privateKey, 'utf8')) as { kid: string }
    expect(jwks.keys.map((key) => key.kid)).toEqual([privateKey.kid])

    const config = loadSubgraphConfig('health', { HUB_DEV_KEYS_DIR: devKeys })
    const verifier = await openVerifier(config.auth)
    const signIn = await openDevSignIn({ HUB_DEV_KEYS_DIR: devKeys })
    const token = await signIn.sign('dev-nurse', { side: 'health', role: 'specialist', org: 'clinic-1' }, 60)
    expect(await verifier.verify(`Bearer ${token}`)).toEqual({
      subject: 'dev-nurse',
      side: 'health',
      organisation: 'clinic-1',
      role: 'specialist',
    })
    const signer = await openSigner(config.serviceKey, config.auth)
    const serviceToken = await signer.sign('service:health', { side: 'health', role: 'service' }, 60)
    expect((await verifier.verify(`Bearer ${serviceToken}`)).role).toBe('service')
    const healthKey = JSON.parse(readFileSync(join(devKeys, 'health-private-key.json'), 'utf8')) as { kid: string }
    expect(healthKey.kid).not.toBe(privateKey.kid)
  })

  it('are refused in production: a key set of development keys, the development issuer, an unset key set', async () => {
    await ensureDevKeys(devKeys, 'idp')
    await ensureDevKeys(devKeys, 'social')
    await expect(openVerifier(loadSubgraphConfig('health', productionEnv()).auth)).rejects.toThrow(
      'HEALTH_JWKS: production refuses development keys',
    )
    expect(() => loadSubgraphConfig('health', productionEnv({ HEALTH_JWT_ISSUER: 'early-help-hub-dev' }))).toThrow(
      'HEALTH_JWT_ISSUER: production refuses the development issuer',
    )
    expect(() => loadSubgraphConfig('health', productionEnv({ HEALTH_JWKS: '' }))).toThrow(
      'HEALTH_JWKS: must be set when NODE_ENV=production',
    )
    expect(() => loadSubgraphConfig('health', productionEnv({ HEALTH_SERVICE_JWKS: '' }))).toThrow(
      'HEALTH_SERVICE_JWKS: must be set when NODE_ENV=production',
    )
    const idpSet = join(folder, 'idp-production-jwks.json')
    writeFileSync(idpSet, JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'idp-1' }] }))
    await expect(
      openVerifier(loadSubgraphConfig('health', productionEnv({ HEALTH_JWKS: idpSet })).auth),
    ).rejects.toThrow('HEALTH_SERVICE_JWKS: production refuses development keys')
  })

  it('are refused in production as the key a subgraph signs its own calls with', async () => {
    const config = loadServiceKeyConfig(
      'HEALTH',
      'health',
      { HEALTH_SERVICE_KEY: join(devKeys, 'health-private-key.json') },
      true,
    )
    await expect(openSigner(config, { issuer: 'x', audience: 'y' })).rejects.toThrow(
      'HEALTH_SERVICE_KEY: production refuses a development key',
    )
  })

  it('stop a production subgraph from starting, naming the variable', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'subgraphs/health/src/main.ts'], {
      env: { ...process.env, ...productionEnv() },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status).not.toBe(0)
    expect(run.stderr).toContain('HEALTH_JWKS: production refuses development keys')
  })

  it('sign no token in production', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/token.ts', '--side', 'health', '--role', 'specialist'],
      { env: { ...process.env, NODE_ENV: 'production', HUB_DEV_KEYS_DIR: devKeys }, encoding: 'utf8', timeout: 60_000 },
    )
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('development sign-in is refused when NODE_ENV=production')
  })
})
