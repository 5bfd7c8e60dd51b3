import type { Migration } from 'kysely'
import { verifyAuditChain, type ChainHead } from './access/audit-chain.js'
import type { AccessAuditTables } from './access/audit.js'
import { loadAuditDatabase, loadMigrationConfig } from './config.js'
import { type SubgraphName } from '@hub/platform/sides'
import { ConfigError } from '@hub/platform/variables'
import { openDatabase } from './database.js'
import { migrateDatabase } from './migrate.js'

/** The commands a subgraph's database is looked after with, outside the service: `npm run migrate`, `audit:verify`. */
export const COMMANDS = ['migrate', 'verify-audit'] as const
export type Command = (typeof COMMANDS)[number]

const HEAD = /^(\d+):([0-9a-f]{64})$/

/** `--expect <position>:<hash>`: a head printed by an earlier verification and kept outside the database. */
export function parseExpectedHead(args: readonly string[]): ChainHead | undefined {
  const index = args.indexOf('--expect')
  if (index === -1) return undefined
  const match = HEAD.exec(args[index + 1] ?? '')
  if (!match) throw new ConfigError('--expect: must be <position>:<64 hex digits>, as audit:verify printed the head')
  return { position: match[1]!, hash: match[2]! }
}

/**
 * Runs one command for one subgraph and says what it did on stdout (a failure on stderr); resolves to the process's
 * exit code.
 */
export async function manage(
  name: SubgraphName,
  migrations: Record<string, Migration>,
  command: Command,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  if (command === 'migrate') {
    const config = loadMigrationConfig(name, env)
    const ran = await migrateDatabase(config, migrations)
    console.log(
      `${name}: ${ran.length === 0 ? 'no migration pending' : `ran ${ran.join(', ')}`}` +
        (config.runtimeRole === null ? '' : `; ${config.runtimeRole} holds the service's rights`),
    )
    return 0
  }
  const expected = parseExpectedHead(args)
  const database = openDatabase<AccessAuditTables>(loadAuditDatabase(name, env), { poolSize: 1 })
  try {
    const verdict = await verifyAuditChain(database.db, expected)
    if (verdict.ok) {
      console.log(
        `${name}: access audit intact, ${verdict.rows} rows; head ${verdict.head.position}:${verdict.head.hash}`,
      )
      return 0
    }
    console.error(`${name}: access audit BROKEN, ${verdict.problem}: ${verdict.detail}`)
    return 1
  } finally {
    await database.close()
  }
}

/** A subgraph's own entry (`node subgraphs/<name>/dist/manage.mjs migrate|verify-audit`), as its image runs it. */
export async function runManage(name: SubgraphName, migrations: Record<string, Migration>, argv: readonly string[]) {
  const [command, ...args] = argv
  if (!COMMANDS.includes(command as Command)) {
    console.error(`usage: manage.mjs <${COMMANDS.join('|')}> [--expect <position>:<hash>]`)
    process.exit(2)
  }
  try {
    process.exit(await manage(name, migrations, command as Command, args, process.env))
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
