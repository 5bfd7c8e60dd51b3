import type { Kysely } from 'kysely'
import type { SubgraphContext } from '../../kit/src/server.js'
import { createStaffingContext } from '../../kit/src/staffing/resolvers.js'
import type { DB } from './db/database.js'
import { createLoaders, type Loaders } from './loaders.js'

export type Context = SubgraphContext<DB, Loaders>

export function createContext(db: Kysely<DB>): Context {
  return { db, loaders: createLoaders(db), staffing: createStaffingContext(db) }
}
