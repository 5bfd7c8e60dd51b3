import type { Kysely } from 'kysely'
import type { GrantSource } from '../../kit/src/access/request.js'
import { runSubgraph } from '../../kit/src/server.js'
import { loadConfig } from './config.js'
import type { DB } from './db/database.js'
import { migrations } from './db/migrations/index.js'
import { createEducationServer } from './server.js'
import { educationAttachments } from './services/attachments.js'

const config = loadConfig()
await runSubgraph(config, migrations, ({ db, grants }: { db: Kysely<DB>; grants: GrantSource }) =>
  createEducationServer({
    db,
    grants,
    transitionAgeMonths: config.transitionAgeMonths,
    attachments: educationAttachments(config.attachments),
  }),
)
