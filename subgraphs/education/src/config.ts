import { loadSubgraphConfig, subgraphVariables } from '../../kit/src/config.js'

export const variables = subgraphVariables('education')

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadSubgraphConfig('education', env)
}
