/** The four sides of the hub, each a ministry's subgraph, and the port each listens on by default. */
export type SubgraphName = 'social' | 'health' | 'education' | 'ngo'

export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['social', 'health', 'education', 'ngo']

export const DEFAULT_SUBGRAPH_PORTS: Readonly<Record<SubgraphName, number>> = {
  social: 4001,
  health: 4002,
  education: 4003,
  ngo: 4004,
}

/**
 * The side that keeps the regional registry, the families and their consents: the other sides ask it which consents and
 * referrals open a child's data, and its own service calls are told from theirs.
 */
export const REGISTRY_SIDE = 'social' satisfies SubgraphName

/** The side of the non-state providers: a specialist or coordinator there works for a provider. */
export const PROVIDERS_SIDE = 'ngo' satisfies SubgraphName
