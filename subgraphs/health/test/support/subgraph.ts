import type { SubgraphUnderTest } from '@hub/testing/subgraph'
import { migrations } from '../../src/db/migrations/index.js'
import { createHealthServer } from '../../src/server.js'

/** The health subgraph as its tests build it: its migrations and its server's factory. */
export const healthSubgraph: SubgraphUnderTest = { name: 'health', migrations, create: createHealthServer }
