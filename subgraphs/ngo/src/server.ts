import type { Kysely } from 'kysely'
import { auditView, insertAuditRows } from '@hub/subgraph-kit/access/audit'
import type { GrantSource } from '@hub/subgraph-kit/access/request'
import { createEventDelivery, DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from '@hub/subgraph-kit/events/delivery'
import type { SubgraphDefinition } from '@hub/subgraph-kit/server'
import { INDICATOR_AND_AUDIT_WORK } from '@hub/subgraph-kit/work-budget'
import { typeDefs } from './schema.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { gates, policy } from './policy.js'
import { resolvers } from './resolvers/index.js'
import { inputs } from './inputs.js'

export function createNgoServer({
  db,
  grants,
  webhooks = DEFAULT_WEBHOOK_OPTIONS,
}: {
  db: Kysely<DB>
  grants: GrantSource
  /** How its events are delivered to subscribed systems; unset: the defaults. */
  webhooks?: WebhookOptions
}): SubgraphDefinition<Context> {
  return {
    name: 'ngo',
    typeDefs,
    inputs,
    resolvers,
    createContext: (access, scoped) => createContext(access, scoped(db), webhooks),
    access: { policy, gates, grants, audit: (rows) => insertAuditRows(auditView(db), rows) },
    expensive: INDICATOR_AND_AUDIT_WORK,
    events: createEventDelivery(db, 'ngo', webhooks),
  }
}
