import type { Kysely } from 'kysely'
import { readTypeDefs, type SubgraphDefinition } from '../../kit/src/server.js'
import { DEFAULT_TRANSITION_AGE_MONTHS } from './config.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { resolvers } from './resolvers/index.js'

const typeDefs = readTypeDefs(new URL('../schema.graphql', import.meta.url))

export function createEducationServer({
  db,
  transitionAgeMonths = DEFAULT_TRANSITION_AGE_MONTHS,
}: {
  db: Kysely<DB>
  transitionAgeMonths?: number
}): SubgraphDefinition<Context> {
  const settings = Object.freeze({ transitionAgeMonths })
  return { name: 'education', typeDefs, resolvers, createContext: () => createContext(db, settings) }
}
