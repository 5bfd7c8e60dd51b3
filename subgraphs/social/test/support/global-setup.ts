import { templatesSetup } from '@hub/testing/templates'
import { socialSubgraph } from './subgraph.js'

/** The social subgraph's PostgreSQL template, when its tests run from its folder. */
export default templatesSetup([socialSubgraph])
