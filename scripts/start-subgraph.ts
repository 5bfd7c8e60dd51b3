import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'

// `npm run start:subgraph -- health`: one ministry's subgraph, configured by its environment only.
const name = process.argv[2]
if (!SUBGRAPH_NAMES.includes(name as SubgraphName)) {
  console.error(`usage: npm run start:subgraph -- <${SUBGRAPH_NAMES.join('|')}>`)
  process.exit(2)
}
await import(`../subgraphs/${name}/src/main.ts`)
