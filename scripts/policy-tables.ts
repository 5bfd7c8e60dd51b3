import { fileURLToPath } from 'node:url'
import { CATEGORIES, VIEWER_CLASSES, type Category, type PolicyTable, type Rule } from '@hub/subgraph-kit/access/policy'
import type { SubgraphName } from '@hub/platform/sides'
import { policy as education } from '../subgraphs/education/src/policy.js'
import { policy as health } from '../subgraphs/health/src/policy.js'
import { policy as ngo } from '../subgraphs/ngo/src/policy.js'
import { policy as social } from '../subgraphs/social/src/policy.js'

const POLICIES: Record<SubgraphName, PolicyTable> = { social, health, education, ngo }

const CELL: Record<Rule, string> = { all: 'all', referred: 'referred', consent: 'consent', none: '—' }

const RULES: Record<Rule, string> = {
  all: 'always, whichever child the data is about',
  referred:
    "only children in the care of the caller's organisation (a referral to it that was not rejected, or an item of the child's ИПРП it gives)",
  consent:
    "only where the family's consent for the caller's side or organisation, the purpose and the data's scope is in force",
  none: 'never',
}

const viewerClasses = () => Object.keys(VIEWER_CLASSES) as (keyof typeof VIEWER_CLASSES)[]

/** The categories some caller of the policy may read, in the order of CATEGORIES. */
function usedCategories(policy: PolicyTable) {
  const used = new Set(viewerClasses().flatMap((kind) => Object.keys(policy[kind])))
  return (Object.keys(CATEGORIES) as Category[]).filter((category) => used.has(category))
}

/** One subgraph's policy as a Markdown table: callers by row, categories by column. */
export function renderPolicyTable(name: SubgraphName) {
  const policy = POLICIES[name]
  const categories = usedCategories(policy)
  const rows = viewerClasses().map(
    (kind) => `| ${kind} | ${categories.map((category) => CELL[policy[kind][category] ?? 'none']).join(' | ')} |`,
  )
  return [
    `| caller | ${categories.join(' | ')} |`,
    `| --- | ${categories.map(() => '---').join(' | ')} |`,
    ...rows,
  ].join('\n')
}

/** What the rows, columns and cells of a subgraph's table mean, in the words the code gives them. */
export function renderPolicyLegend(name: SubgraphName) {
  const policy = POLICIES[name]
  const categories = usedCategories(policy)
  const present = new Set(
    viewerClasses().flatMap((kind) => categories.map((category) => policy[kind][category] ?? 'none')),
  )
  return [
    'Callers (rows):',
    '',
    ...viewerClasses().map((kind) => `- \`${kind}\` — ${VIEWER_CLASSES[kind]}`),
    '',
    'Data (columns):',
    '',
    ...categories.map((category) => `- \`${category}\` — ${CATEGORIES[category]}`),
    '',
    'Cells:',
    '',
    ...(Object.keys(CELL) as Rule[])
      .filter((rule) => present.has(rule))
      .map((rule) => `- \`${CELL[rule]}\` — ${RULES[rule]}`),
  ].join('\n')
}

/** The policy tables of the four subgraphs as docs/architecture.md shows them; a test keeps the page equal to the code. */
export function renderPolicyTables() {
  return (Object.keys(POLICIES) as SubgraphName[])
    .flatMap((name) => [`**${name}** (\`subgraphs/${name}/src/policy.ts\`)`, '', renderPolicyTable(name), ''])
    .join('\n')
    .trimEnd()
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(renderPolicyTables())
