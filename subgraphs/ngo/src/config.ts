import { loadSubgraphConfig, subgraphVariables } from '@hub/subgraph-kit/config'

export const variables = subgraphVariables('ngo')

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadSubgraphConfig('ngo', env)
}
