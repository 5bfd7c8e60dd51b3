import { loadSubgraphConfig, subgraphVariables } from '../../kit/src/config.js'

export const variables = subgraphVariables('health')

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadSubgraphConfig('health', env)
}
