import { readFileSync } from 'node:fs'
import { parse } from 'graphql'
import type { SubgraphName } from '@hub/platform/sides'
import { PARAM_WORDS } from '@hub/platform/error-rules'

/**
 * The subgraphs' folder, from this module or from a service's bundle (`subgraphs/<name>/dist/main.mjs`): both sit two
 * levels below it.
 */
const SUBGRAPHS = new URL('../../', import.meta.url)
const kitSchema = (file: string) => new URL(`kit/schema/${file}`, SUBGRAPHS)

/** Types that must be identical wherever they are defined, written once: every side employs specialists. */
const STAFFING_SDL = kitSchema('staffing.graphql')
/** The mutation by which social delivers a merge of two registry records to each of the other sides. */
const CHILD_MERGE_SDL = kitSchema('child-merge.graphql')

/** The staffing part every side adds to the monitoring indicators. */
const INDICATORS_SDL = kitSchema('indicators.graphql')

/** The mutation by which social has each other side freeze its staffing part of a report being filed. */
const REPORT_FREEZE_SDL = kitSchema('report-freeze.graphql')

/** Each subgraph's own access audit, for its own administrators. */
const ACCESS_SDL = kitSchema('access.graphql')

/** Pages of children, and the preschool figures: social's and education's. */
const CHILDREN_PAGES_SDL = kitSchema('children-pages.graphql')

/**
 * The domain events each subgraph publishes to ministry systems (the feed, the webhook subscriptions): a template whose
 * `__side__`, `__Side__` and `__sideName__` become the subgraph's name and its Russian name, so that the root fields
 * are side-prefixed and the four compose.
 */
const EVENTS_SDL = kitSchema('events.graphql')

function eventsSdl(name: SubgraphName) {
  return readFileSync(EVENTS_SDL, 'utf8')
    .replaceAll('__side__', name)
    .replaceAll('__Side__', name[0]!.toUpperCase() + name.slice(1))
    .replaceAll('__sideName__', PARAM_WORDS.side[name])
}

/** Signed scans of a side's own records: the sides that keep them. */
const ATTACHMENTS_SDL = kitSchema('attachments.graphql')

/** The outbox of child-find signals, as the emitting sides list it to their administrators. */
const SIGNALS_SDL = kitSchema('signals.graphql')

/** The kit's SDL fragments each subgraph shares. */
const SHARED_SDL: Record<SubgraphName, readonly URL[]> = {
  social: [STAFFING_SDL, INDICATORS_SDL, ACCESS_SDL, CHILDREN_PAGES_SDL, ATTACHMENTS_SDL],
  health: [STAFFING_SDL, INDICATORS_SDL, CHILD_MERGE_SDL, REPORT_FREEZE_SDL, ACCESS_SDL, SIGNALS_SDL],
  education: [
    STAFFING_SDL,
    INDICATORS_SDL,
    CHILD_MERGE_SDL,
    REPORT_FREEZE_SDL,
    ACCESS_SDL,
    CHILDREN_PAGES_SDL,
    ATTACHMENTS_SDL,
    SIGNALS_SDL,
  ],
  ngo: [STAFFING_SDL, INDICATORS_SDL, CHILD_MERGE_SDL, REPORT_FREEZE_SDL, ACCESS_SDL],
}

/**
 * A subgraph's SDL as its server, composition and codegen all see it: its own `schema.graphql` followed by the
 * shared fragments it uses.
 */
export function subgraphSdl(name: SubgraphName) {
  return [new URL(`${name}/schema.graphql`, SUBGRAPHS), ...SHARED_SDL[name]]
    .map((file) => readFileSync(file, 'utf8'))
    .concat(eventsSdl(name))
    .join('\n')
}

export function subgraphTypeDefs(name: SubgraphName) {
  return parse(subgraphSdl(name))
}
