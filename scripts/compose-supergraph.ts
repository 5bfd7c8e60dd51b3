import { fileURLToPath } from 'node:url'
import { composeServices } from '@apollo/composition'
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES } from '@hub/platform/sides'
import { subgraphTypeDefs } from '../subgraphs/kit/src/sdl.js'
import { reportDrift, writeGenerated } from './generated-file.js'

const root = fileURLToPath(new URL('..', import.meta.url))
export const SUPERGRAPH_PATH = `${root}schema/supergraph.graphql`

/**
 * Composes the four subgraph SDLs (each with the kit's shared fragments) into the supergraph. The routing URLs
 * are the local defaults; the gateway overrides them from its environment.
 */
export function composeSupergraph() {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: `http://127.0.0.1:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`,
      typeDefs: subgraphTypeDefs(name),
    })),
  )
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`)
  }
  return result.supergraphSdl
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check')
  reportDrift([writeGenerated(SUPERGRAPH_PATH, composeSupergraph(), check)])
  if (!check) console.log(`composed ${SUBGRAPH_NAMES.join(', ')} into schema/supergraph.graphql`)
}
