import { loadSubgraphConfig, subgraphVariables } from '@hub/subgraph-kit/config'
import { ConfigError, parsePositiveInt, readVariables, type VariableSpec } from '@hub/platform/variables'
import { loadSignalDelivery, signalDeliveryVariables } from '@hub/side-contract/signals/config'
import { attachmentVariables, loadAttachmentConfig } from '@hub/subgraph-kit/attachments/config'

/** 2 years 9 months: transition planning starts about 90 days before the third birthday (DOMAIN.md, stage 8). */
export const DEFAULT_TRANSITION_AGE_MONTHS = 33

const TRANSITION_AGE = 'EDUCATION_TRANSITION_AGE_MONTHS'

export const variables: VariableSpec[] = [
  ...subgraphVariables('education'),
  {
    name: TRANSITION_AGE,
    description:
      'Age in whole months from which a child without a kindergarten place is due for transition planning (1–36)',
    default: String(DEFAULT_TRANSITION_AGE_MONTHS),
    requiredInDeployment: false,
  },
  ...signalDeliveryVariables('EDUCATION'),
  ...attachmentVariables('EDUCATION'),
]

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const values = readVariables(variables, env)
  const transitionAgeMonths = parsePositiveInt(TRANSITION_AGE, values[TRANSITION_AGE])
  if (transitionAgeMonths > 36) {
    throw new ConfigError(
      `${TRANSITION_AGE}: must be at most 36 months (the third birthday), got "${transitionAgeMonths}"`,
    )
  }
  const subgraph = loadSubgraphConfig('education', env)
  return Object.freeze({
    ...subgraph,
    transitionAgeMonths,
    signalDelivery: loadSignalDelivery('EDUCATION', values, subgraph.registry!.url),
    attachments: loadAttachmentConfig('EDUCATION', env),
  })
}
