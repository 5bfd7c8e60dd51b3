import type { Kysely } from 'kysely'
import type { GrantSource } from '@hub/subgraph-kit/access/request'
import type { ServiceCredentials } from '@hub/platform/auth/tokens'
import type { WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import { runSubgraph } from '@hub/subgraph-kit/server'
import { loadConfig } from './config.js'
import type { DB } from './db/database.js'
import { migrations } from './db/migrations/index.js'
import { createEducationServer } from './server.js'
import { educationAttachments } from './services/attachments.js'

const config = loadConfig()
await runSubgraph(
  config,
  migrations,
  ({
    db,
    grants,
    credentials,
    webhooks,
  }: {
    db: Kysely<DB>
    grants: GrantSource
    credentials: ServiceCredentials
    webhooks: WebhookOptions
  }) =>
    createEducationServer({
      db,
      grants,
      webhooks,
      transitionAgeMonths: config.transitionAgeMonths,
      signalDelivery: config.signalDelivery,
      credentials,
      attachments: educationAttachments(config.attachments),
    }),
)
