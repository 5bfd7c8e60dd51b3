import type { Kysely } from 'kysely'
import type { RequestAccess } from '../../kit/src/access/request.js'
import type { SubgraphContext } from '../../kit/src/server.js'
import { createStaffingContext } from '../../kit/src/staffing/resolvers.js'
import type { DB } from './db/database.js'
import { createLoaders, type Loaders } from './loaders.js'

export type Context = SubgraphContext<DB, Loaders> & {
  /** Tells the merge delivery that a merge or undo has committed and waits for the other subgraphs. */
  mergeCommitted: () => void
}

export function createContext(access: RequestAccess, db: Kysely<DB>, mergeCommitted: () => void): Context {
  return { access, db, loaders: createLoaders(db), staffing: createStaffingContext(db), mergeCommitted }
}
