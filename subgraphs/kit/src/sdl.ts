import { readFileSync } from 'node:fs'
import { parse } from 'graphql'
import type { SubgraphName } from './config.js'

/** Types that must be identical wherever they are defined, written once: every side employs specialists. */
const STAFFING_SDL = new URL('../schema/staffing.graphql', import.meta.url)
/** The mutation by which social delivers a merge of two registry records to each of the other sides. */
const CHILD_MERGE_SDL = new URL('../schema/child-merge.graphql', import.meta.url)

/** The staffing part every side adds to the monitoring indicators. */
const INDICATORS_SDL = new URL('../schema/indicators.graphql', import.meta.url)

/** The mutation by which social has each other side freeze its staffing part of a report being filed. */
const REPORT_FREEZE_SDL = new URL('../schema/report-freeze.graphql', import.meta.url)

/** Each subgraph's own access audit, for its own administrators. */
const ACCESS_SDL = new URL('../schema/access.graphql', import.meta.url)

/** The kit's SDL fragments each subgraph shares. */
const SHARED_SDL: Record<SubgraphName, readonly URL[]> = {
  social: [STAFFING_SDL, INDICATORS_SDL, ACCESS_SDL],
  health: [STAFFING_SDL, INDICATORS_SDL, CHILD_MERGE_SDL, REPORT_FREEZE_SDL, ACCESS_SDL],
  education: [STAFFING_SDL, INDICATORS_SDL, CHILD_MERGE_SDL, REPORT_FREEZE_SDL, ACCESS_SDL],
  ngo: [STAFFING_SDL, INDICATORS_SDL, CHILD_MERGE_SDL, REPORT_FREEZE_SDL, ACCESS_SDL],
}

/**
 * A subgraph's SDL as its server, composition and codegen all see it: its own `schema.graphql` followed by the
 * shared fragments it uses.
 */
export function subgraphSdl(name: SubgraphName) {
  return [new URL(`../../${name}/schema.graphql`, import.meta.url), ...SHARED_SDL[name]]
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n')
}

export function subgraphTypeDefs(name: SubgraphName) {
  return parse(subgraphSdl(name))
}
