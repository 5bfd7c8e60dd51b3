import { print } from 'graphql'
import pg from 'pg'
import {
  ChildCardDocument,
  RegionalIndicatorsDocument,
  RegistryPageDocument,
} from '../schema/__generated__/operations.js'
import type { BenchRequest } from './load.js'

/** The quarter the indicators are asked for: long over, with data in every figure. */
export const INDICATORS_PERIOD = { from: '2026-07-01', to: '2026-09-30' }
/** The registry page the dashboard's export asks for: the largest page social serves. */
export const REGISTRY_PAGE_SIZE = 1000
/** A page of search results. */
export const SEARCH_PAGE_SIZE = 20

/**
 * The statements one RegistryPage should cost each subgraph's database: one per entity type or list it reads, one
 * access-audit write per subgraph that read personal data, and in social one consent lookup per side that asks it
 * (health and education; ngo's rules open what the page reads of it to the regional coordinator).
 * social: the page with its total, municipalities, criteria, families, family situations, the audit, two lookups;
 * health: health groups, diagnoses, the audit; education: ПМПК conclusions, preschool applications, the audit;
 * ngo: sessions, the audit.
 */
export const REGISTRY_PAGE_STATEMENTS = { social: 8, health: 3, education: 3, ngo: 2 } as const

export const WORKLOAD_NAMES = ['ChildCard', 'RegistryPage', 'RegionalIndicators', 'Search'] as const
export type WorkloadName = (typeof WORKLOAD_NAMES)[number]

export interface Workload {
  name: WorkloadName
  /** What the table says the workload is. */
  label: string
  /** Concurrent connections each run uses; the first is the one whose latency the goals speak of. */
  concurrency: readonly number[]
  /**
   * Whether Hive Gateway can serve the operation: it cannot plan the staffing fields the indicators carry (see
   * bench/hive/gateway.ts, `hiveCompatibleSupergraph`), so it is measured on the other workloads only.
   */
  hive: boolean
  /** The same requests for our gateway and Hive Gateway (GraphQL over HTTP), and for the monolith. */
  federated: readonly BenchRequest[]
  monolith: readonly BenchRequest[]
}

/** What the requests are made of: children and registry searches sampled from the seeded region. */
export interface WorkloadInputs {
  childIds: readonly string[]
  searches: readonly string[]
}

/**
 * Children spread over the whole registry, the same on every run (ordered by a hash, not at random), and 50 searches
 * made from them the ways staff search: a surname, a given name with the beginning of the surname, the beginning of
 * the surname with the birth date.
 */
export async function sampleInputs(socialUrl: string, count = 200): Promise<WorkloadInputs> {
  const client = new pg.Client({ connectionString: socialUrl })
  await client.connect()
  try {
    const children = await client.query<{ id: string; last_name: string; first_name: string; born: string }>(
      `select id, last_name, first_name, to_char(birth_date, 'DD.MM.YYYY') as born
       from child where merged_into_id is null order by md5(id::text) limit $1`,
      [count],
    )
    const searches = children.rows.map((row, i) => {
      const start = row.last_name.slice(0, 4)
      return [row.last_name, `${row.first_name} ${start}`, `${start} ${row.born}`][i % 3]!
    })
    return {
      childIds: children.rows.map((row) => row.id),
      searches: [...new Set(searches)].slice(0, 50),
    }
  } finally {
    await client.end()
  }
}

function graphql(token: string, query: string, variables: Record<string, unknown>): BenchRequest {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  }
}

function get(token: string, path: string): BenchRequest {
  return { method: 'GET', path, headers: { authorization: `Bearer ${token}` } }
}

export function workloads(inputs: WorkloadInputs, token: string): Workload[] {
  const childCard = print(ChildCardDocument)
  const registryPage = print(RegistryPageDocument)
  const indicators = print(RegionalIndicatorsDocument)
  return [
    {
      name: 'ChildCard',
      label: 'ChildCard (one child, every side)',
      concurrency: [1, 16, 64],
      hive: true,
      federated: inputs.childIds.map((id) => graphql(token, childCard, { id })),
      monolith: inputs.childIds.map((id) => get(token, `/child-card/${id}`)),
    },
    {
      name: 'RegistryPage',
      label: `RegistryPage of ${REGISTRY_PAGE_SIZE} children, every side`,
      concurrency: [1, 4],
      hive: true,
      federated: [graphql(token, registryPage, { first: REGISTRY_PAGE_SIZE })],
      monolith: [get(token, `/registry-page?first=${REGISTRY_PAGE_SIZE}`)],
    },
    {
      name: 'RegionalIndicators',
      label: 'RegionalIndicators, whole region, one quarter',
      concurrency: [1],
      hive: false,
      federated: [graphql(token, indicators, { period: INDICATORS_PERIOD, municipality: null })],
      monolith: [get(token, `/indicators?from=${INDICATORS_PERIOD.from}&to=${INDICATORS_PERIOD.to}`)],
    },
    {
      name: 'Search',
      label: `Registry search by words of the name or a birth date, page of ${SEARCH_PAGE_SIZE}`,
      concurrency: [1],
      hive: true,
      federated: inputs.searches.map((search) =>
        graphql(token, registryPage, { filter: { search }, first: SEARCH_PAGE_SIZE }),
      ),
      monolith: inputs.searches.map((search) =>
        get(token, `/registry-page?first=${SEARCH_PAGE_SIZE}&search=${encodeURIComponent(search)}`),
      ),
    },
  ]
}
