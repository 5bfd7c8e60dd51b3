import type { Kysely } from 'kysely'
import { subgraphTypeDefs } from '../../kit/src/sdl.js'
import type { SubgraphDefinition } from '../../kit/src/server.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { createMergeDelivery, type MergeDeliveryOptions } from './merge-delivery.js'
import { resolvers } from './resolvers/index.js'

const typeDefs = subgraphTypeDefs('social')

/**
 * Without `mergeDelivery` (a subgraph tested alone) merges are recorded
 * and stay queued for the other subgraphs.
 */
export function createSocialServer({
  db,
  mergeDelivery,
}: {
  db: Kysely<DB>
  mergeDelivery?: MergeDeliveryOptions
}): SubgraphDefinition<Context> {
  const delivery = mergeDelivery && createMergeDelivery(db, mergeDelivery)
  return {
    name: 'social',
    typeDefs,
    resolvers,
    createContext: () => createContext(db, () => delivery?.wake()),
    background: delivery,
  }
}
