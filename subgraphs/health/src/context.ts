import type { Kysely } from 'kysely'
import type { Viewer } from '../../kit/src/auth/viewer.js'
import type { SubgraphContext } from '../../kit/src/server.js'
import { createStaffingContext } from '../../kit/src/staffing/resolvers.js'
import type { DB } from './db/database.js'
import { createLoaders, type Loaders } from './loaders.js'

export type Context = SubgraphContext<DB, Loaders>

export function createContext(viewer: Viewer, db: Kysely<DB>): Context {
  return { viewer, db, loaders: createLoaders(db), staffing: createStaffingContext(db) }
}
