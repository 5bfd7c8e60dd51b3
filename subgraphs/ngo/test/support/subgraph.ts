import type { SubgraphUnderTest } from '@hub/testing/subgraph'
import { migrations } from '../../src/db/migrations/index.js'
import { createNgoServer } from '../../src/server.js'

/** The ngo subgraph as its tests build it: its migrations and its server's factory. */
export const ngoSubgraph: SubgraphUnderTest = { name: 'ngo', migrations, create: createNgoServer }
