import { runSubgraph } from '../../kit/src/server.js'
import { loadConfig } from './config.js'
import { migrations } from './db/migrations/index.js'
import { createEducationServer } from './server.js'

await runSubgraph(loadConfig(), migrations, createEducationServer)
