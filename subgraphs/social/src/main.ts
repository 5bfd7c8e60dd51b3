import type { Kysely } from 'kysely'
import type { ServiceCredentials } from '../../kit/src/auth/tokens.js'
import { runSubgraph } from '../../kit/src/server.js'
import { loadConfig } from './config.js'
import type { DB } from './db/database.js'
import { migrations } from './db/migrations/index.js'
import { createSocialServer } from './server.js'

const config = loadConfig()
await runSubgraph(config, migrations, ({ db, credentials }: { db: Kysely<DB>; credentials: ServiceCredentials }) =>
  createSocialServer({ db, mergeDelivery: config.mergeDelivery, credentials, pseudonymSecret: config.pseudonymSecret }),
)
