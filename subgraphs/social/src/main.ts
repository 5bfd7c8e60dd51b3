import type { Kysely } from 'kysely'
import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import type { Database } from '@hub/subgraph-kit/database'
import type { WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import { runSubgraph } from '@hub/subgraph-kit/server'
import { loadConfig } from './config.js'
import type { DB } from './db/database.js'
import { migrations } from './db/migrations/index.js'
import { createSocialServer } from './server.js'
import { socialAttachments } from './attachments.js'
import { FIGURES_CHANNEL } from './modules/monitoring/services/indicators.js'

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
