import type { Kysely } from 'kysely'
import { subgraphTypeDefs } from '../../kit/src/sdl.js'
import type { SubgraphDefinition } from '../../kit/src/server.js'
import { DEFAULT_TRANSITION_AGE_MONTHS } from './config.js'
import { createContext, type Context } from './context.js'
import type { DB } from './db/database.js'
import { resolvers } from './resolvers/index.js'

const typeDefs = subgraphTypeDefs('education')

export function createEducationServer({
  db,
  transitionAgeMonths = DEFAULT_TRANSITION_AGE_MONTHS,
}: {
  db: Kysely<DB>
  transitionAgeMonths?: number
}): SubgraphDefinition<Context> {
  const settings = Object.freeze({ transitionAgeMonths })
  return { name: 'education', typeDefs, resolvers, createContext: (viewer) => createContext(viewer, db, settings) }
}
