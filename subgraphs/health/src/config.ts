import { loadSubgraphConfig, subgraphVariables } from '@hub/subgraph-kit/config'
import { ConfigError, readVariables, type VariableSpec } from '@hub/platform/variables'
import { loadSignalDelivery, signalDeliveryVariables } from '@hub/side-contract/signals/config'
import { ICD10_FORMAT } from './services/icd10.js'

/**
 * The МКБ-10 codes (or their beginnings) whose diagnosis sends a child-find signal: conditions of the target group
 * that limit development from birth — cerebral palsy, Down syndrome, hearing loss, spina bifida, hydrocephalus,
 * spinal muscular atrophy, phenylketonuria, congenital hypothyroidism, cystic fibrosis, perinatal brain disorders,
 * retinopathy of prematurity, autism, speech development disorders, delayed milestones, epilepsy. Prematurity and
 * heart defects alone are risks, not a criterion.
 */
export const DEFAULT_SIGNAL_ICD10 = 'G80,Q90,H90,Q05,Q03,G12.0,E70.0,E03.1,E84,P91,H35.1,F84.0,F80,R62.0,G40'

const SIGNAL_ICD10 = 'HEALTH_SIGNAL_ICD10'

export const variables: VariableSpec[] = [
  ...subgraphVariables('health'),
  {
    name: SIGNAL_ICD10,
    description:
      'МКБ-10 codes or their beginnings, comma-separated (e.g. G80,Q90,E70.0), whose diagnosis sends social a child-find signal',
    default: DEFAULT_SIGNAL_ICD10,
    requiredInDeployment: false,
  },
  ...signalDeliveryVariables('HEALTH'),
]

/** The region's list: each entry a code or a code's beginning of the МКБ-10 form, none twice. */
export function parseSignalIcd10(value: string | undefined) {
  const codes = (value ?? '').split(',').map((code) => code.trim())
  for (const code of codes) {
    if (!ICD10_FORMAT.test(code)) {
      throw new ConfigError(
        `${SIGNAL_ICD10}: each entry must be an МКБ-10 code or its beginning like G80 or E70.0 (a Latin capital letter, two digits, optionally a dot and one or two digits), got "${code}"`,
      )
    }
  }
  return Object.freeze([...new Set(codes)])
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const subgraph = loadSubgraphConfig('health', env)
  const values = readVariables(variables, env)
  return Object.freeze({
    ...subgraph,
    signalIcd10: parseSignalIcd10(values[SIGNAL_ICD10]),
    signalDelivery: loadSignalDelivery('HEALTH', values, subgraph.registry!.url),
  })
}
