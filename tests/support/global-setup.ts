import { templatesSetup } from '@hub/testing/templates'
import { subgraphs } from './subgraphs.js'

/** The four subgraphs' PostgreSQL templates, for the in-process tests of each and the suites across them. */
export default templatesSetup(Object.values(subgraphs))
