import type { SubgraphUnderTest } from '@hub/testing/subgraph'
import { migrations } from '../../src/db/migrations/index.js'
import { createEducationServer } from '../../src/server.js'

/** The education subgraph as its tests build it: its migrations and its server's factory. */
export const educationSubgraph: SubgraphUnderTest = { name: 'education', migrations, create: createEducationServer }
