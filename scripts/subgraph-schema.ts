import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'graphql'
import type { SubgraphName } from '@hub/platform/sides'
import { assembleSubgraphSdl as assembleSdl, schemaPathOf } from '@hub/subgraph-kit/codegen/subgraph-schema'

const root = fileURLToPath(new URL('..', import.meta.url))

const subgraphFolder = (name: SubgraphName) => `${root}subgraphs/${name}`

/** The subgraph's complete SDL file, `subgraphs/<name>/schema.graphql`. */
export const subgraphSchemaPath = (name: SubgraphName) => schemaPathOf(subgraphFolder(name))

/** A subgraph's complete SDL from the parts its package.json lists. */
export function assembleSubgraphSdl(name: SubgraphName) {
  return assembleSdl({ name, folder: subgraphFolder(name) })
}

/** The subgraph's complete SDL as committed. */
export function subgraphSdl(name: SubgraphName) {
  return readFileSync(subgraphSchemaPath(name), 'utf8')
}

export function subgraphTypeDefs(name: SubgraphName) {
  return parse(subgraphSdl(name))
}
