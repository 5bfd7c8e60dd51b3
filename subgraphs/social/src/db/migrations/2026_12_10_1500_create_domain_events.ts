// The same in all four subgraphs, so written once in the kit (frozen in time like this file).
export { up, down } from '@hub/subgraph-kit/events/migration'
