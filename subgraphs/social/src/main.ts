import type { Kysely } from 'kysely'
import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import type { Database } from '../../kit/src/database.js'
import type { WebhookOptions } from '../../kit/src/events/delivery.js'
import { runSubgraph } from '../../kit/src/server.js'
import { loadConfig } from './config.js'
import type { DB } from './db/database.js'
import { migrations } from './db/migrations/index.js'
import { createSocialServer } from './server.js'
import { socialAttachments } from './services/attachments.js'
import { FIGURES_CHANNEL } from './services/indicators.js'

const config = loadConfig()
await runSubgraph(
  config,
  migrations,
  async ({
    db,
    credentials,
    watch,
    webhooks,
  }: {
    db: Kysely<DB>
    credentials: ServiceCredentials
    watch: Database<DB>['watch']
    webhooks: WebhookOptions
  }) =>
    createSocialServer({
      db,
      mergeDelivery: config.mergeDelivery,
      credentials,
      figureChanges: await watch(FIGURES_CHANNEL),
      notifications: config.notifications,
      webhooks,
      attachments: socialAttachments(config.attachments),
    }),
)
