import { templatesSetup } from '@hub/testing/templates'
import { healthSubgraph } from './subgraph.js'

/** The health subgraph's PostgreSQL template, when its tests run from its folder. */
export default templatesSetup([healthSubgraph])
