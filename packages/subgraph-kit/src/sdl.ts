import { readFileSync } from 'node:fs'
import { parse } from 'graphql'

/**
 * A subgraph's complete SDL from its file (`subgraphs/<name>/schema.graphql`, generated from its parts), read once at
 * start. `file` is resolved by the subgraph from its own module, which works from its sources and from its bundle.
 */
export function readSchema(file: URL) {
  return parse(readFileSync(file, 'utf8'))
}
