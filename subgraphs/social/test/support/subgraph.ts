import type { SubgraphUnderTest } from '@hub/testing/subgraph'
import { migrations } from '../../src/db/migrations/index.js'
import { createSocialServer } from '../../src/server.js'

/** The social subgraph as its tests build it: its migrations and its server's factory. */
export const socialSubgraph: SubgraphUnderTest = { name: 'social', migrations, create: createSocialServer }
