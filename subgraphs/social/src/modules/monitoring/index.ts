import type { Resolvers } from '../../__generated__/resolvers-types.js'
import { IndicatorChildConnection } from './resolvers/IndicatorChildConnection.js'
import { Mutation } from './resolvers/Mutation.js'
import { ProviderCount } from './resolvers/ProviderCount.js'
import { QuarterlyReport } from './resolvers/QuarterlyReport.js'
import { Query } from './resolvers/Query.js'
import { RegionalIndicators } from './resolvers/RegionalIndicators.js'
import { RegistryCount } from './resolvers/RegistryCount.js'

/** What the region watches: indicators and their children, cohorts, registry counts, quarterly reports, work queues. */
export const monitoring: Resolvers = {
  Query,
  Mutation,
  RegistryCount,
  RegionalIndicators,
  ProviderCount,
  QuarterlyReport,
  IndicatorChildConnection,
}
