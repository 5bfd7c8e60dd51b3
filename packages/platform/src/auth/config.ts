import { resolve } from 'node:path'
import { ConfigError, parseUrl, type VariableSpec } from '../variables.js'
import {
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  ensureDevKeys,
  isDevKey,
  readKeySet,
  readPrivateKey,
  SERVICE_KEY_OWNERS,
  type JsonWebKeySet,
  type KeyOwner,
  type ServiceKeyOwner,
} from './keys.js'
import {
  createTokenSigner,
  createTokenVerifier,
  type KeySource,
  type TokenRules,
  type TokenSigner,
  type TokenVerifier,
} from './tokens.js'

export const DEV_KEYS_VARIABLE: VariableSpec = {
  name: 'HUB_DEV_KEYS_DIR',
  description:
    "Folder of the embedded default's development key pairs, one per owner (the identity provider, the gateway, each subgraph), generated on first start (never used in production)",
  default: 'data/auth',
  requiredInDeployment: false,
}

/**
 * The variables of a service's sign-in: the identity provider whose user tokens it accepts, the key it signs its own
 * calls with and, for a subgraph, the service keys it trusts by owner (the gateway trusts none: it serves people).
 */
export function authVariables(prefix: string, { trustsServices }: { trustsServices: boolean }): VariableSpec[] {
  return [
    {
      name: `${prefix}_JWKS`,
      description:
        "Paths or http(s) URLs, comma-separated, of the identity provider's JSON Web Key Sets: user tokens are accepted from these keys only; unset means the development identity provider",
      requiredInDeployment: true,
    },
    ...(trustsServices
      ? [
          {
            name: `${prefix}_SERVICE_JWKS`,
            description:
              "The key sets of the services whose own tokens this subgraph accepts, by owner: owner=path or http(s) URL, comma-separated (gateway=…,social=…,health=…,education=…,ngo=…); a key signs only its owner's tokens; unset means the development keys",
            requiredInDeployment: true,
          },
        ]
      : []),
    {
      name: `${prefix}_JWT_ISSUER`,
      description: 'The "iss" every accepted token must carry',
      default: DEV_ISSUER,
      requiredInDeployment: true,
    },
    {
      name: `${prefix}_JWT_AUDIENCE`,
      description: 'The "aud" every accepted token must carry',
      default: DEFAULT_AUDIENCE,
      requiredInDeployment: false,
    },
    {
      name: `${prefix}_SERVICE_KEY`,
      description:
        "Path of the private JWK this service signs its calls to the subgraphs with (its public half goes into their <NAME>_SERVICE_JWKS under this service's name); unset means the development key",
      requiredInDeployment: true,
    },
    DEV_KEYS_VARIABLE,
  ]
}

type KeyFiles = ({ jwksPath: string } | { jwksUrl: string })[]

export interface AuthConfig {
  /** The variable the identity provider's key set came from, to name it in errors. */
  variable: string
  keys: { sources: KeyFiles } | { devKeysDir: string }
  /** A subgraph's trusted service keys by owner (`<PREFIX>_SERVICE_JWKS`); the gateway has none. */
  serviceKeys?: {
    variable: string
    keys: { owners: Partial<Record<ServiceKeyOwner, KeyFiles>> } | { devKeysDir: string }
  }
  issuer: string
  audience: string
  production: boolean
}

/** What a service signs its calls to the subgraphs with. */
export interface ServiceKeyConfig {
  variable: string
  owner: ServiceKeyOwner
  key: { path: string } | { devKeysDir: string }
  production: boolean
}

function devKeysDir(values: Readonly<Record<string, string | undefined>>) {
  return resolve(values[DEV_KEYS_VARIABLE.name] ?? 'data/auth')
}

function keyFile(variable: string, item: string) {
  return /^https?:/i.test(item)
    ? { jwksUrl: parseUrl(variable, item, ['http:', 'https:']) }
    : { jwksPath: resolve(item) }
}

function listItems(value: string) {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** `owner=path|url,…`: each owner may be named more than once (a key being rotated beside the new one). */
function parseServiceKeys(variable: string, value: string) {
  const owners: Partial<Record<ServiceKeyOwner, KeyFiles>> = {}
  for (const item of listItems(value)) {
    const separator = item.indexOf('=')
    const owner = item.slice(0, separator).trim()
    if (separator < 0 || !(SERVICE_KEY_OWNERS as readonly string[]).includes(owner)) {
      throw new ConfigError(
        `${variable}: each entry is owner=path or URL with owner one of ${SERVICE_KEY_OWNERS.join(', ')}, got "${item}"`,
      )
    }
    ;(owners[owner as ServiceKeyOwner] ??= []).push(keyFile(variable, item.slice(separator + 1).trim()))
  }
  return owners
}

export function loadAuthConfig(
  prefix: string,
  values: Readonly<Record<string, string | undefined>>,
  production: boolean,
  { trustsServices }: { trustsServices: boolean },
): AuthConfig {
  const variable = `${prefix}_JWKS`
  const jwks = values[variable]
  const keys: AuthConfig['keys'] = !jwks
    ? { devKeysDir: devKeysDir(values) }
    : { sources: listItems(jwks).map((item) => keyFile(variable, item)) }
  const serviceVariable = `${prefix}_SERVICE_JWKS`
  const serviceJwks = values[serviceVariable]
  const serviceKeys: AuthConfig['serviceKeys'] = trustsServices
    ? {
        variable: serviceVariable,
        keys: serviceJwks
          ? { owners: parseServiceKeys(serviceVariable, serviceJwks) }
          : { devKeysDir: devKeysDir(values) },
      }
    : undefined
  const issuer = values[`${prefix}_JWT_ISSUER`] ?? DEV_ISSUER
  if (production && issuer === DEV_ISSUER) {
    throw new ConfigError(`${prefix}_JWT_ISSUER: production refuses the development issuer "${DEV_ISSUER}"`)
  }
  return Object.freeze({
    variable,
    keys,
    serviceKeys,
    issuer,
    audience: values[`${prefix}_JWT_AUDIENCE`] ?? DEFAULT_AUDIENCE,
    production,
  })
}

export function loadServiceKeyConfig(
  prefix: string,
  owner: ServiceKeyOwner,
  values: Readonly<Record<string, string | undefined>>,
  production: boolean,
): ServiceKeyConfig {
  const variable = `${prefix}_SERVICE_KEY`
  const path = values[variable]
  return Object.freeze({
    variable,
    owner,
    key: path ? { path: resolve(path) } : { devKeysDir: devKeysDir(values) },
    production,
  })
}

async function readKeySetFile(variable: string, path: string): Promise<JsonWebKeySet> {
  try {
    const set = await readKeySet(path)
    if (!Array.isArray(set.keys) || set.keys.length === 0) throw new Error('no "keys"')
    return set
  } catch (error) {
    throw new ConfigError(`${variable}: ${path} is not a JSON Web Key Set (${(error as Error).message})`)
  }
}

/** One owner's key sets: the development pair's, generated on first use, or the configured files and URLs. */
async function openKeySources(
  variable: string,
  keys: { devKeysDir: string } | KeyFiles,
  owner: KeyOwner,
  production: boolean,
): Promise<KeySource[]> {
  if ('devKeysDir' in keys) {
    if (production)
      throw new ConfigError(`${variable}: must be set when NODE_ENV=production; development keys are refused`)
    return [{ jwks: await readKeySet((await ensureDevKeys(keys.devKeysDir, owner)).jwks) }]
  }
  return Promise.all(
    keys.map(async (source) => {
      if ('jwksUrl' in source) return source
      const jwks = await readKeySetFile(variable, source.jwksPath)
      if (production && jwks.keys.some(isDevKey)) {
        throw new ConfigError(`${variable}: production refuses development keys (key ids starting "dev-")`)
      }
      return { jwks }
    }),
  )
}

/**
 * A service key listed among the identity provider's would sign any user's token, as the hub's earlier configuration
 * (one comma list of every key) allowed: `npm run keys:service` names its keys `<owner>-service-…`, and such a key is
 * refused there, pointing to where it belongs.
 */
function refuseServiceKeysOfIdentityProvider(variable: string, sources: readonly KeySource[]) {
  for (const source of sources) {
    for (const key of 'jwks' in source ? source.jwks.keys : []) {
      const owner = SERVICE_KEY_OWNERS.find((name) => key.kid?.startsWith(`${name}-service-`))
      if (owner) {
        throw new ConfigError(
          `${variable}: key "${key.kid}" is ${owner}'s service key; the identity provider's set holds user keys only (list it in <NAME>_SERVICE_JWKS as ${owner}=…)`,
        )
      }
    }
  }
}

/** A key bound to two owners would let either sign as the other: each key id belongs to one owner. */
function refuseSharedKeys(variable: string, sets: [string, KeySource[]][]) {
  const owners = new Map<string, string>()
  for (const [owner, sources] of sets) {
    for (const source of sources) {
      for (const key of 'jwks' in source ? source.jwks.keys : []) {
        const other = key.kid === undefined ? undefined : owners.get(key.kid)
        if (other !== undefined && other !== owner) {
          throw new ConfigError(
            `${variable}: key "${key.kid}" is listed for both ${other} and ${owner}; a key has one owner`,
          )
        }
        if (key.kid !== undefined) owners.set(key.kid, owner)
      }
    }
  }
}

/**
 * Opens the verifier of a service's tokens: the identity provider's keys for user tokens and, for a subgraph, each
 * service's keys for that service's own tokens. Generates the development keys on first use, and in production
 * refuses to start on them, since anyone with a checkout could sign a token with them.
 */
export async function openVerifier(config: AuthConfig): Promise<TokenVerifier> {
  const rules = { issuer: config.issuer, audience: config.audience }
  const { production } = config
  const identityProvider = await openKeySources(
    config.variable,
    'devKeysDir' in config.keys ? config.keys : config.keys.sources,
    'idp',
    production,
  )
  const services: Partial<Record<ServiceKeyOwner, KeySource[]>> = {}
  const serviceKeys = config.serviceKeys
  if (serviceKeys) {
    const { keys } = serviceKeys
    for (const owner of SERVICE_KEY_OWNERS) {
      const files = 'devKeysDir' in keys ? keys : keys.owners[owner]
      if (files) services[owner] = await openKeySources(serviceKeys.variable, files, owner, production)
    }
  }
  refuseServiceKeysOfIdentityProvider(config.variable, identityProvider)
  refuseSharedKeys(config.serviceKeys?.variable ?? config.variable, [
    ['the identity provider', identityProvider],
    ...Object.entries(services),
  ])
  return createTokenVerifier(identityProvider, rules, services)
}

/** Opens the key a service signs its own calls with, under the same refusal of development keys in production. */
export async function openSigner(config: ServiceKeyConfig, rules: TokenRules): Promise<TokenSigner> {
  if ('devKeysDir' in config.key && config.production) {
    throw new ConfigError(`${config.variable}: must be set when NODE_ENV=production; the development key is refused`)
  }
  const path =
    'path' in config.key ? config.key.path : (await ensureDevKeys(config.key.devKeysDir, config.owner)).privateKey
  const privateKey = await readPrivateKey(path).catch((error: Error) => {
    throw new ConfigError(`${config.variable}: ${path} is not a private JWK (${error.message})`)
  })
  if (config.production && isDevKey(privateKey)) {
    throw new ConfigError(`${config.variable}: production refuses a development key (key id starting "dev-")`)
  }
  return createTokenSigner(privateKey, rules)
}
