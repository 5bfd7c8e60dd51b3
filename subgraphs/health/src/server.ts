import type { Kysely } from 'kysely'
import { readTypeDefs, type SubgraphDefinition } from '../../kit/src/server.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { resolvers } from './resolvers/index.js'

const typeDefs = readTypeDefs(new URL('../schema.graphql', import.meta.url))

export function createHealthServer({ db }: { db: Kysely<DB> }): SubgraphDefinition<Context> {
  return { name: 'health', typeDefs, resolvers, createContext: () => createContext(db) }
}
