/** The four sides of the hub, each a ministry's subgraph, and the port each listens on by default. */
export type SubgraphName = 'social' | 'health' | 'education' | 'ngo'

export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['social', 'health', 'education', 'ngo']

export const DEFAULT_SUBGRAPH_PORTS: Readonly<Record<SubgraphName, number>> = {
  social: 4001,
  health: 4002,
  education: 4003,
  ngo: 4004,
}
