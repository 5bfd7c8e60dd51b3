import type { Kysely } from 'kysely'
import { auditView, insertAuditRows } from '../../kit/src/access/audit.js'
import type { ServiceCredentials } from '../../kit/src/auth/tokens.js'
import { subgraphTypeDefs } from '../../kit/src/sdl.js'
import type { SubgraphDefinition } from '../../kit/src/server.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { createMergeDelivery, type MergeDeliveryOptions } from './merge-delivery.js'
import { gates, policy } from './policy.js'
import { resolvers } from './resolvers/index.js'
import { grantsFromRegistry } from './services/consents.js'

const typeDefs = subgraphTypeDefs('social')

/**
 * Without `mergeDelivery` (a subgraph tested alone) merges are recorded
 * and stay queued for the other subgraphs.
 */
export function createSocialServer({
  db,
  mergeDelivery,
  credentials,
}: {
  db: Kysely<DB>
  mergeDelivery?: MergeDeliveryOptions
  /** What social signs its own calls to the other subgraphs with. */
  credentials?: ServiceCredentials
}): SubgraphDefinition<Context> {
  const delivery = mergeDelivery && credentials && createMergeDelivery(db, mergeDelivery, credentials)
  return {
    name: 'social',
    typeDefs,
    resolvers,
    createContext: (access) => createContext(access, db, () => delivery?.wake()),
    access: { policy, gates, grants: grantsFromRegistry(db), audit: (rows) => insertAuditRows(auditView(db), rows) },
    background: delivery,
  }
}
