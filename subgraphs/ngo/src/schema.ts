import { readSchema } from '@hub/subgraph-kit/sdl'

/** The subgraph's complete SDL (`../schema.graphql`, beside `src/` and `dist/` alike). */
export const typeDefs = readSchema(new URL('../schema.graphql', import.meta.url))
