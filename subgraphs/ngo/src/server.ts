import type { Kysely } from 'kysely'
import { auditView, insertAuditRows } from '../../kit/src/access/audit.js'
import type { GrantSource } from '../../kit/src/access/request.js'
import { subgraphTypeDefs } from '../../kit/src/sdl.js'
import { createEventDelivery, DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from '../../kit/src/events/delivery.js'
import type { SubgraphDefinition } from '../../kit/src/server.js'
import { INDICATOR_AND_AUDIT_WORK } from '../../kit/src/work-budget.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { gates, policy } from './policy.js'
import { resolvers } from './resolvers/index.js'
import { inputs } from './inputs.js'

const typeDefs = subgraphTypeDefs('ngo')

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
