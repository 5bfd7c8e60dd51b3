import { runSubgraph } from '@hub/subgraph-kit/server'
import { loadConfig } from './config.js'
import { migrations } from './db/migrations/index.js'
import { createNgoServer } from './server.js'

await runSubgraph(loadConfig(), migrations, createNgoServer)
