import {
  DEFAULT_SUBGRAPH_PORTS,
  loadSubgraphConfig,
  parsePositiveInt,
  parseUrl,
  readVariables,
  subgraphVariables,
  type VariableSpec,
} from '../../kit/src/config.js'
import { attachmentVariables, loadAttachmentConfig } from '../../kit/src/attachments/config.js'
import type { MergeSide } from './db/database.js'
import type { MergeDeliveryOptions } from './merge-delivery.js'

const MERGE_SIDE_NAMES = { HEALTH: 'health', EDUCATION: 'education', NGO: 'ngo' } as const

const mergeDeliveryVariables: VariableSpec[] = [
  ...Object.values(MERGE_SIDE_NAMES).map((name) => ({
    name: `SOCIAL_${name.toUpperCase()}_URL`,
    description: `GraphQL URL of the ${name} subgraph itself (not the gateway), to which merges of children are delivered`,
    default: `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`,
    requiredInDeployment: true,
  })),
  {
    name: 'SOCIAL_MERGE_RETRY_MS',
    description: 'How often undelivered merges are sent again to a subgraph that was down',
    default: '10000',
    requiredInDeployment: false,
  },
  {
    name: 'SOCIAL_MERGE_TIMEOUT_MS',
    description: 'How long one delivery of a merge to a subgraph may take',
    default: '5000',
    requiredInDeployment: false,
  },
]

export const variables = [...subgraphVariables('social'), ...mergeDeliveryVariables, ...attachmentVariables('SOCIAL')]

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const values = readVariables(mergeDeliveryVariables, env)
  const urls = Object.fromEntries(
    Object.entries(MERGE_SIDE_NAMES).map(([side, name]) => {
      const variable = `SOCIAL_${name.toUpperCase()}_URL`
      return [side, parseUrl(variable, values[variable], ['http:', 'https:'])]
    }),
  ) as Record<MergeSide, string>
  const mergeDelivery: MergeDeliveryOptions = Object.freeze({
    urls: Object.freeze(urls),
    retryMs: parsePositiveInt('SOCIAL_MERGE_RETRY_MS', values.SOCIAL_MERGE_RETRY_MS),
    timeoutMs: parsePositiveInt('SOCIAL_MERGE_TIMEOUT_MS', values.SOCIAL_MERGE_TIMEOUT_MS),
  })
  return Object.freeze({
    ...loadSubgraphConfig('social', env),
    mergeDelivery,
    attachments: loadAttachmentConfig('SOCIAL', env),
  })
}
