import { resolve } from 'node:path'
import { DEV_KEYS_VARIABLE } from '@hub/platform/auth/config'
import {
  DEFAULT_AUDIENCE,
  DEV_IDP_URL,
  DEV_ISSUER,
  DEV_SCREENS_CLIENT_ID,
  ensureDevKeys,
  readPrivateKey,
} from '@hub/platform/auth/keys'
import { ConfigError, parsePort, parsePositiveInt, readVariables, type VariableSpec } from '@hub/platform/variables'
import { startDevIdentityProvider } from './server.js'
import { demoUsers, ORGANISATION_SIDES, type Organisations } from './users.js'

export const variables: VariableSpec[] = [
  {
    name: 'IDP_PORT',
    description: 'HTTP port of the development identity provider',
    default: new URL(DEV_IDP_URL).port,
    requiredInDeployment: false,
  },
  {
    name: 'IDP_SCREEN_ORIGINS',
    description: 'Origins (comma-separated) of the gateway whose dashboard and explorer sign in here',
    default: 'http://127.0.0.1:4000',
    requiredInDeployment: false,
  },
  {
    name: 'IDP_ORGANISATIONS',
    description: 'JSON object of the organisation ids the demo specialists work for, by side ({"health": "<uuid>", …})',
    default: '{}',
    requiredInDeployment: false,
  },
  {
    name: 'IDP_ACCESS_TOKEN_TTL_SECONDS',
    description: 'How long an access token lasts; the screens renew it silently before it ends',
    default: '600',
    requiredInDeployment: false,
  },
  DEV_KEYS_VARIABLE,
]

function parseOrganisations(value: string): Organisations {
  const parsed = JSON.parse(value) as Record<string, unknown>
  const organisations: Organisations = {}
  for (const side of ORGANISATION_SIDES) {
    if (typeof parsed[side] === 'string') organisations[side] = parsed[side]
  }
  return organisations
}

if (process.env.NODE_ENV === 'production') {
  console.error(
    "the development identity provider is refused when NODE_ENV=production: set GATEWAY_OIDC_ISSUER to the region's identity provider",
  )
  process.exit(1)
}
const values = readVariables(variables, process.env)
let organisations: Organisations
try {
  organisations = parseOrganisations(values.IDP_ORGANISATIONS ?? '{}')
} catch (error) {
  throw new ConfigError(
    `IDP_ORGANISATIONS: must be a JSON object of organisation ids by side (${(error as Error).message})`,
  )
}
const keysDir = resolve(values[DEV_KEYS_VARIABLE.name] ?? 'data/auth')
const idp = await startDevIdentityProvider({
  port: parsePort('IDP_PORT', values.IDP_PORT),
  signingKey: await readPrivateKey((await ensureDevKeys(keysDir, 'idp')).privateKey),
  accessTokens: {
    issuer: DEV_ISSUER,
    audience: DEFAULT_AUDIENCE,
    ttlSeconds: parsePositiveInt('IDP_ACCESS_TOKEN_TTL_SECONDS', values.IDP_ACCESS_TOKEN_TTL_SECONDS),
  },
  client: {
    id: DEV_SCREENS_CLIENT_ID,
    origins: (values.IDP_SCREEN_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  },
  users: demoUsers(organisations),
})
const stop = () => void idp.stop().then(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
console.log(`development identity provider ready at ${idp.issuer}`)
