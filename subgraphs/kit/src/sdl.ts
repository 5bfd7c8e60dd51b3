import { readFileSync } from 'node:fs'
import { parse } from 'graphql'
import type { SubgraphName } from './config.js'

/** SDL every subgraph shares, written once: the types that must be identical wherever they are defined. */
const SHARED_SDL = [new URL('../schema/staffing.graphql', import.meta.url)]

/**
 * A subgraph's SDL as its server, composition and codegen all see it: its own `schema.graphql` followed by the
 * shared fragments.
 */
export function subgraphSdl(name: SubgraphName) {
  return [new URL(`../../${name}/schema.graphql`, import.meta.url), ...SHARED_SDL]
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n')
}

export function subgraphTypeDefs(name: SubgraphName) {
  return parse(subgraphSdl(name))
}
