import { fileURLToPath } from 'node:url'
import { CATEGORIES, VIEWER_CLASSES, type Category, type PolicyTable, type Rule } from '@hub/subgraph-kit/access/policy'
import type { SubgraphName } from '@hub/platform/sides'
import { policy as education } from '../subgraphs/education/src/policy.js'
import { policy as health } from '../subgraphs/health/src/policy.js'
import { policy as ngo } from '../subgraphs/ngo/src/policy.js'
import { policy as social } from '../subgraphs/social/src/policy.js'

const POLICIES: Record<SubgraphName, PolicyTable> = { social, health, education, ngo }

const CELL: Record<Rule, string> = { all: 'all', referred: 'referred', consent: 'consent', none: '—' }

/** One subgraph's policy as a Markdown table: callers by row, categories by column. */
function table(policy: PolicyTable) {
  const classes = Object.keys(VIEWER_CLASSES) as (keyof typeof VIEWER_CLASSES)[]
  const used = new Set(classes.flatMap((kind) => Object.keys(policy[kind])))
  const categories = (Object.keys(CATEGORIES) as Category[]).filter((category) => used.has(category))
  const rows = classes.map(
    (kind) => `| ${kind} | ${categories.map((category) => CELL[policy[kind][category] ?? 'none']).join(' | ')} |`,
  )
  return [`| caller | ${categories.join(' | ')} |`, `| --- | ${categories.map(() => '---').join(' | ')} |`, ...rows]
}

/** The policy tables of the four subgraphs as docs/architecture.md shows them; a test keeps the page equal to the code. */
export function renderPolicyTables() {
  return (Object.entries(POLICIES) as [SubgraphName, PolicyTable][])
    .flatMap(([name, policy]) => [`**${name}** (\`subgraphs/${name}/src/policy.ts\`)`, '', ...table(policy), ''])
    .join('\n')
    .trimEnd()
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(renderPolicyTables())
