import { templatesSetup } from '@hub/testing/templates'
import { ngoSubgraph } from './subgraph.js'

/** The ngo subgraph's PostgreSQL template, when its tests run from its folder. */
export default templatesSetup([ngoSubgraph])
