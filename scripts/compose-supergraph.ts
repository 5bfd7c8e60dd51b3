import { fileURLToPath } from 'node:url'
import { composeServices } from '@apollo/composition'
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES } from '@hub/platform/sides'
import { parse } from 'graphql'
import { reportDrift, writeGenerated } from '@hub/subgraph-kit/codegen/generated-file'
import { assembleSubgraphSdl, subgraphSchemaPath } from './subgraph-schema.js'

const root = fileURLToPath(new URL('..', import.meta.url))
export const SUPERGRAPH_PATH = `${root}schema/supergraph.graphql`

/**
 * Composes the four subgraphs' complete SDLs (each its own part with the shared fragments it lists) into the supergraph. The routing URLs
 * are the local defaults; the gateway overrides them from its environment.
 */
export function composeSupergraph() {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`,
      typeDefs: parse(assembleSubgraphSdl(name)),
    })),
  )
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`)
  }
  return result.supergraphSdl
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check')
  reportDrift([
    ...SUBGRAPH_NAMES.map((name) => writeGenerated(subgraphSchemaPath(name), assembleSubgraphSdl(name), check)),
    writeGenerated(SUPERGRAPH_PATH, composeSupergraph(), check),
  ])
  if (!check) {
    console.log(
      `wrote subgraphs/{${SUBGRAPH_NAMES.join(',')}}/schema.graphql and composed them into schema/supergraph.graphql`,
    )
  }
}
