import { loadSubgraphConfig, subgraphVariables } from '../../kit/src/config.js'

export const variables = subgraphVariables('social')

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadSubgraphConfig('social', env)
}
