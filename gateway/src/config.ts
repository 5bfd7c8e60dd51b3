import { resolve } from 'node:path'
import { authVariables, loadAuthConfig, type AuthConfig } from '../../subgraphs/kit/src/auth/config.js'
import {
  parsePort,
  parsePositiveInt,
  parseUrl,
  readVariables,
  SUBGRAPH_NAMES,
  type SubgraphName,
  type VariableSpec,
} from '../../subgraphs/kit/src/config.js'

export const variables: VariableSpec[] = [
  { name: 'GATEWAY_HOST', description: 'Interface to listen on', default: '127.0.0.1', requiredInDeployment: true },
  { name: 'GATEWAY_PORT', description: 'HTTP port', default: '4000', requiredInDeployment: true },
  {
    name: 'GATEWAY_SUPERGRAPH_PATH',
    description: 'The composed supergraph the gateway serves',
    default: 'schema/supergraph.graphql',
    requiredInDeployment: false,
  },
  {
    name: 'GATEWAY_SUBGRAPH_TIMEOUT_MS',
    description: 'How long one call to a subgraph may take before it counts as unavailable',
    default: '3000',
    requiredInDeployment: false,
  },
  ...SUBGRAPH_NAMES.flatMap((name): VariableSpec[] => [
    {
      name: `GATEWAY_${name.toUpperCase()}_URL`,
      description: `GraphQL URL of the ${name} subgraph; unset means the routing URL in the supergraph`,
      requiredInDeployment: true,
    },
    {
      name: `GATEWAY_${name.toUpperCase()}_TIMEOUT_MS`,
      description: `Timeout for the ${name} subgraph; unset means GATEWAY_SUBGRAPH_TIMEOUT_MS`,
      requiredInDeployment: false,
    },
  ]),
  ...authVariables('GATEWAY', { signsServiceCalls: false }),
]

export interface SubgraphEndpoint {
  /** Overrides the routing URL composed into the supergraph. */
  url?: string
  timeoutMs: number
}

export interface GatewayConfig {
  host: string
  port: number
  supergraphPath: string
  subgraphs: Record<SubgraphName, SubgraphEndpoint>
  auth: AuthConfig
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const values = readVariables(variables, env)
  const defaultTimeout = parsePositiveInt('GATEWAY_SUBGRAPH_TIMEOUT_MS', values.GATEWAY_SUBGRAPH_TIMEOUT_MS)
  const subgraphs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const prefix = `GATEWAY_${name.toUpperCase()}`
      const url = values[`${prefix}_URL`]
      const timeout = values[`${prefix}_TIMEOUT_MS`]
      return [
        name,
        {
          url: url ? parseUrl(`${prefix}_URL`, url, ['http:', 'https:']) : undefined,
          timeoutMs: timeout ? parsePositiveInt(`${prefix}_TIMEOUT_MS`, timeout) : defaultTimeout,
        },
      ]
    }),
  ) as Record<SubgraphName, SubgraphEndpoint>
  return Object.freeze({
    host: values.GATEWAY_HOST ?? '127.0.0.1',
    port: parsePort('GATEWAY_PORT', values.GATEWAY_PORT),
    supergraphPath: resolve(values.GATEWAY_SUPERGRAPH_PATH ?? 'schema/supergraph.graphql'),
    subgraphs,
    auth: loadAuthConfig('GATEWAY', values, env.NODE_ENV === 'production'),
  })
}
