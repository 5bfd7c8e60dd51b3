import { resolve } from 'node:path'
import { ConfigError, parseUrl, type VariableSpec } from '../config.js'
import {
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  ensureDevKeys,
  isDevKey,
  readKeySet,
  readPrivateKey,
  type JsonWebKeySet,
} from './keys.js'
import {
  createTokenSigner,
  createTokenVerifier,
  type TokenRules,
  type TokenSigner,
  type TokenVerifier,
} from './tokens.js'

export const DEV_KEYS_VARIABLE: VariableSpec = {
  name: 'HUB_DEV_KEYS_DIR',
  description:
    "Folder of the embedded default's development key pair, generated on first start (never used in production)",
  default: 'data/auth',
  requiredInDeployment: false,
}

/** The variables of a service's sign-in: whose tokens it trusts and, for a subgraph, the key it signs its own calls with. */
export function authVariables(prefix: string, { signsServiceCalls }: { signsServiceCalls: boolean }): VariableSpec[] {
  return [
    {
      name: `${prefix}_JWKS`,
      description:
        "Paths or http(s) URLs, comma-separated, of the JSON Web Key Sets whose tokens this service accepts (the identity provider's and the subgraphs' service keys); unset means the development keys",
      requiredInDeployment: true,
    },
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
    ...(signsServiceCalls
      ? [
          {
            name: `${prefix}_SERVICE_KEY`,
            description:
              'Path of the private JWK this subgraph signs its calls to other subgraphs with (its public half belongs in their key set); unset means the development key',
            requiredInDeployment: true,
          },
        ]
      : []),
    DEV_KEYS_VARIABLE,
  ]
}

export interface AuthConfig {
  /** The variable the key set came from, to name it in errors. */
  variable: string
  keys: { sources: ({ jwksPath: string } | { jwksUrl: string })[] } | { devKeysDir: string }
  issuer: string
  audience: string
  production: boolean
}

/** What a subgraph signs its calls to other subgraphs with. */
export interface ServiceKeyConfig {
  variable: string
  key: { path: string } | { devKeysDir: string }
  production: boolean
}

function devKeysDir(values: Readonly<Record<string, string | undefined>>) {
  return resolve(values[DEV_KEYS_VARIABLE.name] ?? 'data/auth')
}

export function loadAuthConfig(
  prefix: string,
  values: Readonly<Record<string, string | undefined>>,
  production: boolean,
): AuthConfig {
  const variable = `${prefix}_JWKS`
  const jwks = values[variable]
  const keys: AuthConfig['keys'] = !jwks
    ? { devKeysDir: devKeysDir(values) }
    : {
        sources: jwks
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
          .map((item) =>
            /^https?:/i.test(item)
              ? { jwksUrl: parseUrl(variable, item, ['http:', 'https:']) }
              : { jwksPath: resolve(item) },
          ),
      }
  const issuer = values[`${prefix}_JWT_ISSUER`] ?? DEV_ISSUER
  if (production && issuer === DEV_ISSUER) {
    throw new ConfigError(`${prefix}_JWT_ISSUER: production refuses the development issuer "${DEV_ISSUER}"`)
  }
  return Object.freeze({
    variable,
    keys,
    issuer,
    audience: values[`${prefix}_JWT_AUDIENCE`] ?? DEFAULT_AUDIENCE,
    production,
  })
}

export function loadServiceKeyConfig(
  prefix: string,
  values: Readonly<Record<string, string | undefined>>,
  production: boolean,
): ServiceKeyConfig {
  const variable = `${prefix}_SERVICE_KEY`
  const path = values[variable]
  return Object.freeze({
    variable,
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

/**
 * Opens the verifier of a service's tokens: generates the development
 * keys on first use, and in production refuses to start on them, since
 * anyone with a checkout could sign a token with them.
 */
export async function openVerifier(config: AuthConfig): Promise<TokenVerifier> {
  const rules = { issuer: config.issuer, audience: config.audience }
  if ('devKeysDir' in config.keys) {
    if (config.production) {
      throw new ConfigError(`${config.variable}: must be set when NODE_ENV=production; development keys are refused`)
    }
    return createTokenVerifier({ jwks: await readKeySet((await ensureDevKeys(config.keys.devKeysDir)).jwks) }, rules)
  }
  const sources = await Promise.all(
    config.keys.sources.map(async (source) => {
      if ('jwksUrl' in source) return source
      const jwks = await readKeySetFile(config.variable, source.jwksPath)
      if (config.production && jwks.keys.some(isDevKey)) {
        throw new ConfigError(`${config.variable}: production refuses development keys (key ids starting "dev-")`)
      }
      return { jwks }
    }),
  )
  return createTokenVerifier(sources, rules)
}

/** Opens the key a subgraph signs its own calls with, under the same refusal of development keys in production. */
export async function openSigner(config: ServiceKeyConfig, rules: TokenRules): Promise<TokenSigner> {
  if ('devKeysDir' in config.key && config.production) {
    throw new ConfigError(`${config.variable}: must be set when NODE_ENV=production; the development key is refused`)
  }
  const path = 'path' in config.key ? config.key.path : (await ensureDevKeys(config.key.devKeysDir)).privateKey
  const privateKey = await readPrivateKey(path).catch((error: Error) => {
    throw new ConfigError(`${config.variable}: ${path} is not a private JWK (${error.message})`)
  })
  if (config.production && isDevKey(privateKey)) {
    throw new ConfigError(`${config.variable}: production refuses a development key (key id starting "dev-")`)
  }
  return createTokenSigner(privateKey, rules)
}
