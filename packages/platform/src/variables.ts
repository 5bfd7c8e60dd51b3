/** One environment variable a service reads, with what a deployment must set. */
export interface VariableSpec {
  name: string
  description: string
  default?: string
  /** Must be set by a container deployment (docker-compose), where defaults point at the wrong place. */
  requiredInDeployment: boolean
}

export class ConfigError extends Error {}

/**
 * Reads and validates the listed variables once; the result is frozen.
 * In production (`NODE_ENV=production`) a variable a deployment must set
 * may not fall back to its development default: a subgraph silently
 * running on a throwaway embedded database would lose a ministry's data.
 */
export function readVariables(specs: readonly VariableSpec[], env: NodeJS.ProcessEnv) {
  const production = env.NODE_ENV === 'production'
  const values: Record<string, string | undefined> = {}
  for (const spec of specs) {
    const raw = env[spec.name]
    const missing = raw === undefined || raw === ''
    if (missing && production && spec.requiredInDeployment) {
      throw new ConfigError(`${spec.name}: must be set when NODE_ENV=production (${spec.description})`)
    }
    values[spec.name] = missing ? spec.default : raw
  }
  return Object.freeze(values)
}

export function parsePort(name: string, value: string | undefined) {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name}: must be a TCP port number from 0 to 65535, got "${value}"`)
  }
  return port
}

export function parsePositiveInt(name: string, value: string | undefined) {
  const number = Number(value)
  if (!Number.isInteger(number) || number <= 0) {
    throw new ConfigError(`${name}: must be a positive whole number, got "${value}"`)
  }
  return number
}

export function parseWholeNumber(name: string, value: string | undefined) {
  const number = Number(value)
  if (value === '' || !Number.isInteger(number) || number < 0) {
    throw new ConfigError(`${name}: must be a whole number, 0 or more, got "${value}"`)
  }
  return number
}

export function parseBoolean(name: string, value: string) {
  if (value === 'true') return true
  if (value === 'false') return false
  throw new ConfigError(`${name}: must be true or false, got "${value}"`)
}

export function parseUrl(name: string, value: string | undefined, protocols: readonly string[]) {
  let url: URL
  try {
    url = new URL(value ?? '')
  } catch {
    throw new ConfigError(`${name}: must be a URL, got "${value}"`)
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name}: must use ${protocols.join(' or ')}, got "${url.protocol}"`)
  }
  return url.toString()
}

/**
 * The default `statement_timeout`: the regional indicators, the heaviest statement of the committed operations, take
 * well under a second on the demo region and about one at 10,000 children (docs/development.md, Performance); the gateway gives a
 * subgraph 3 s by default, and a statement stopped before that reaches the caller as a refusal naming its field.
 */
