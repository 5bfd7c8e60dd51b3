import type { SubgraphContext } from '@hub/subgraph-kit/server'
import type { StaffingContext } from './staffing/resolvers.js'

/** What every side's resolvers receive: the subgraph's context and the side contract's staffing part. */
export type SideContext<DB, Loaders> = SubgraphContext<DB, Loaders> & { staffing: StaffingContext }
