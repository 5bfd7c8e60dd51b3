import type { Kysely } from 'kysely'
import { createPseudonyms } from '../../kit/src/access/analytics.js'
import { auditView, insertAuditRows } from '../../kit/src/access/audit.js'
import type { ServiceCredentials } from '../../kit/src/auth/tokens.js'
import type { ChangeWatch } from '../../kit/src/changes.js'
import { subgraphTypeDefs } from '../../kit/src/sdl.js'
import type { SubgraphDefinition } from '../../kit/src/server.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { createMergeDelivery, type MergeDeliveryOptions } from './merge-delivery.js'
import { DEV_PSEUDONYM_SECRET } from './config.js'
import { gates, policy } from './policy.js'
import { resolvers } from './resolvers/index.js'
import { grantsFromRegistry } from './services/consents.js'
import { liveFigures } from './services/indicators.js'
import { inputs } from './inputs.js'

const typeDefs = subgraphTypeDefs('social')

/**
 * Without `mergeDelivery` (a subgraph tested alone) merges are recorded
 * and stay queued for the other subgraphs.
 */
export function createSocialServer({
  db,
  mergeDelivery,
  credentials,
  pseudonymSecret = DEV_PSEUDONYM_SECRET,
  figureChanges,
}: {
  db: Kysely<DB>
  mergeDelivery?: MergeDeliveryOptions
  /** What social signs its own calls to the other subgraphs with. */
  credentials?: ServiceCredentials
  /** The key of the pseudonyms in depersonalised lists (`SOCIAL_PSEUDONYM_SECRET`). */
  pseudonymSecret?: string
  /** A watch of `FIGURES_CHANNEL`: live figures are remembered until social's data changes; without it, never. */
  figureChanges?: ChangeWatch
}): SubgraphDefinition<Context> {
  const live = liveFigures(db, figureChanges)
  const pseudonym = createPseudonyms(pseudonymSecret)
  const delivery = mergeDelivery && credentials && createMergeDelivery(db, mergeDelivery, credentials)
  const sides = mergeDelivery &&
    credentials && { urls: mergeDelivery.urls, timeoutMs: mergeDelivery.timeoutMs, credentials }
  return {
    name: 'social',
    typeDefs,
    inputs,
    resolvers,
    createContext: (access) => createContext(access, db, () => delivery?.wake(), pseudonym, sides, live),
    access: { policy, gates, grants: grantsFromRegistry(db), audit: (rows) => insertAuditRows(auditView(db), rows) },
    background: delivery,
  }
}
