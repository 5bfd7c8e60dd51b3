import type { Kysely } from 'kysely'
import { subgraphTypeDefs } from '../../kit/src/sdl.js'
import type { SubgraphDefinition } from '../../kit/src/server.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { resolvers } from './resolvers/index.js'

const typeDefs = subgraphTypeDefs('health')

export function createHealthServer({ db }: { db: Kysely<DB> }): SubgraphDefinition<Context> {
  return { name: 'health', typeDefs, resolvers, createContext: (viewer) => createContext(viewer, db) }
}
