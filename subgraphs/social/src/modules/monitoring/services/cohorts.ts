import {
  cellOf,
  seesDepersonalised,
  isSuppressed,
  shownCount,
  SMALLEST_SHOWN,
} from '@hub/subgraph-kit/access/analytics'
import type { RequestAccess } from '@hub/subgraph-kit/access/request'
import { hubError } from '@hub/platform/errors'
import type { listCohort } from '../../registry/queries/child.queries.js'

type CohortRow = Awaited<ReturnType<typeof listCohort>>[number]

/** What a group shows of its children; null where it is generalised away. */
interface GroupLabel {
  birthYear: number | null
  sex: CohortRow['sex'] | null
  criteria: CohortRow['criteria'] | null
}

/**
 * The labels a child can be grouped under, most detailed first: birth year, sex and criteria; birth year and sex;
 * birth year alone. A child in no group of at least 5 ends in the rest, which shows nothing of them.
 */
const GENERALISATIONS: readonly ((row: CohortRow) => GroupLabel)[] = [
  (row) => ({ birthYear: birthYearOf(row), sex: row.sex, criteria: [...row.criteria].sort() }),
  (row) => ({ birthYear: birthYearOf(row), sex: row.sex, criteria: null }),
  (row) => ({ birthYear: birthYearOf(row), sex: null, criteria: null }),
]
const REST: GroupLabel = { birthYear: null, sex: null, criteria: null }

const birthYearOf = (row: CohortRow) => Number(row.birthDate.slice(0, 4))

interface Group {
  label: GroupLabel
  rows: CohortRow[]
}

function groupBy(rows: readonly CohortRow[], labelOf: (row: CohortRow) => GroupLabel) {
  const groups = new Map<string, Group>()
  for (const row of rows) {
    const label = labelOf(row)
    const key = JSON.stringify(label)
    const group = groups.get(key) ?? { label, rows: [] }
    group.rows.push(row)
    groups.set(key, group)
  }
  return [...groups.values()]
}

/**
 * Groups in which every label an analyst is shown covers at least 5 children (k-anonymity over birth year, sex and
 * criteria together): each child goes to the most detailed label whose group reaches 5, else to the rest. A rest of
 * 1–4 could be told apart by subtracting, so the smallest groups are dissolved into it until it holds 5.
 */
function anonymousGroups(rows: readonly CohortRow[]) {
  const kept: Group[] = []
  let rest = [...rows]
  for (const labelOf of GENERALISATIONS) {
    const groups = groupBy(rest, labelOf)
    kept.push(...groups.filter((group) => group.rows.length >= SMALLEST_SHOWN))
    rest = groups.filter((group) => group.rows.length < SMALLEST_SHOWN).flatMap((group) => group.rows)
  }
  kept.sort((a, b) => a.rows.length - b.rows.length)
  while (rest.length > 0 && rest.length < SMALLEST_SHOWN && kept.length > 0) rest.push(...kept.shift()!.rows)
  return rest.length === 0 ? kept : [...kept, { label: REST, rows: rest }]
}

const byLabel = (a: GroupLabel, b: GroupLabel) =>
  (a.birthYear ?? Infinity) - (b.birthYear ?? Infinity) ||
  (a.sex ?? '~').localeCompare(b.sex ?? '~') ||
  (a.criteria?.join(',') ?? '~').localeCompare(b.criteria?.join(',') ?? '~')

/**
 * The depersonalised groups of a list of children, ordered by label. Staff see each combination of birth year, sex
 * and criteria with its exact count; an analyst sees groups of at least 5 children with perturbed counts, and is
 * refused a list of 1–4 children. No group carries anything that follows a child from one answer to another.
 */
export function depersonalisedGroups(rows: readonly CohortRow[], access: RequestAccess, field: string) {
  if (isSuppressed(access, rows.length)) {
    throw hubError(
      'FORBIDDEN',
      'COHORT_TOO_SMALL',
      `${field}: a list of fewer than 5 children is not shown to analysts or providers`,
      {
        field,
        category: 'aggregates',
        params: { min: 5 },
      },
    )
  }
  const groups = seesDepersonalised(access) ? anonymousGroups(rows) : groupBy(rows, GENERALISATIONS[0]!)
  return groups
    .map(({ label, rows: children }) => ({
      ...label,
      ...shownCount(access, cellOf(children.map((child) => child.id))),
    }))
    .sort(byLabel)
}
