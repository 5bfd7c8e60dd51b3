import type { Resolvers } from '../../__generated__/resolvers-types.js'
import { ChildMerge } from './resolvers/ChildMerge.js'
import { Mutation } from './resolvers/Mutation.js'
import { Query } from './resolvers/Query.js'

/** Merges of two records of one child, their undoing, and their delivery to the other subgraphs. */
export const merges: Resolvers = { Query, Mutation, ChildMerge }
