import type { SubgraphName } from '@hub/platform/sides'
import type { SubgraphUnderTest } from '@hub/testing/subgraph'
import { educationSubgraph } from '../../subgraphs/education/test/support/subgraph.js'
import { healthSubgraph } from '../../subgraphs/health/test/support/subgraph.js'
import { ngoSubgraph } from '../../subgraphs/ngo/test/support/subgraph.js'
import { socialSubgraph } from '../../subgraphs/social/test/support/subgraph.js'

/** The four subgraphs as tests build them, each by its own test support: their migrations and server factories. */
export const subgraphs: Record<SubgraphName, SubgraphUnderTest> = {
  social: socialSubgraph,
  health: healthSubgraph,
  education: educationSubgraph,
  ngo: ngoSubgraph,
}
