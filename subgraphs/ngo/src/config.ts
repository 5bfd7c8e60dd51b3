import { loadSubgraphConfig, subgraphVariables } from '../../kit/src/config.js'

export const variables = subgraphVariables('ngo')

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadSubgraphConfig('ngo', env)
}
