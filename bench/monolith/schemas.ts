import type { SubgraphName } from '@hub/platform/sides'

/**
 * The URL of the same database with `search_path` set to one side's schema: the subgraphs' migrations and seeds name
 * their tables unqualified, so each side's code runs unchanged inside its own schema.
 */
export function sideUrl(url: string, side: SubgraphName) {
  const withPath = new URL(url)
  withPath.searchParams.set('options', `-c search_path=${side}`)
  return withPath.toString()
}
