import type { Kysely } from 'kysely'
import { runSubgraph } from '../../kit/src/server.js'
import { loadConfig } from './config.js'
import type { DB } from './db/database.js'
import { migrations } from './db/migrations/index.js'
import { createSocialServer } from './server.js'

const config = loadConfig()
await runSubgraph(config, migrations, ({ db }: { db: Kysely<DB> }) =>
  createSocialServer({ db, mergeDelivery: config.mergeDelivery }),
)
