import { templatesSetup } from '@hub/testing/templates'
import { educationSubgraph } from './subgraph.js'

/** The education subgraph's PostgreSQL template, when its tests run from its folder. */
export default templatesSetup([educationSubgraph])
