import type { Migration } from 'kysely'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { COMMANDS, manage, type Command } from '@hub/subgraph-kit/manage'
import { migrations as educationMigrations } from '../subgraphs/education/src/db/migrations/index.js'
import { migrations as healthMigrations } from '../subgraphs/health/src/db/migrations/index.js'
import { migrations as ngoMigrations } from '../subgraphs/ngo/src/db/migrations/index.js'
import { migrations as socialMigrations } from '../subgraphs/social/src/db/migrations/index.js'

const MIGRATIONS: Record<SubgraphName, Record<string, Migration>> = {
  social: socialMigrations,
  health: healthMigrations,
  education: educationMigrations,
  ngo: ngoMigrations,
}

// `npm run migrate [-- <subgraph>|all]` and `npm run audit:verify [-- <subgraph>|all] [--expect <position>:<hash>]`,
// each subgraph configured by its environment only (docs/operations.md: "Migrations", "Access audit").
const [command, ...rest] = process.argv.slice(2)
const target = rest[0] === undefined || rest[0].startsWith('--') ? 'all' : rest[0]
const names = target === 'all' ? SUBGRAPH_NAMES : SUBGRAPH_NAMES.filter((name) => name === target)
const usage = `usage: npm run ${command === 'verify-audit' ? 'audit:verify' : 'migrate'} -- [${SUBGRAPH_NAMES.join('|')}|all]${command === 'verify-audit' ? ' [--expect <position>:<hash>]' : ''}`
if (!COMMANDS.includes(command as Command) || names.length === 0) {
  console.error(usage)
  process.exit(2)
}
if (rest.includes('--expect') && names.length !== 1) {
  console.error(`--expect: a recorded head belongs to one subgraph; name it (${usage})`)
  process.exit(2)
}

let code = 0
for (const name of names) {
  try {
    code = Math.max(code, await manage(name, MIGRATIONS[name], command as Command, rest, process.env))
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`)
    code = 1
  }
}
process.exit(code)
