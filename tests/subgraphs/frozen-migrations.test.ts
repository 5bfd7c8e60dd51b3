import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Migrator, NO_MIGRATIONS, sql, type Kysely, type Migration } from 'kysely'
import { describe, expect, it } from 'vitest'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { openDatabase } from '@hub/subgraph-kit/database'
import { migrateToLatest } from '@hub/subgraph-kit/migrate'
import { backends, openPostgresTestDatabase, testDatabaseName, type Backend } from '@hub/testing/databases'
import { withAdmin } from '@hub/testing/postgres'
import { subgraphs } from '../support/subgraphs.js'

// A released migration is frozen in time: what it runs never changes, or a database migrated before the change would
// differ from one migrated after it. Each subgraph's migrations are therefore files of its own that import nothing of
// the application, and the statements they send and the schema they leave are kept beside this test. A new migration
// adds its statements to those files (`npx vitest run tests/subgraphs/frozen-migrations.test.ts -u`, reviewed in the
// diff); a changed line of an older migration fails here.

const migrationsFolder = (name: SubgraphName) =>
  join(import.meta.dirname, '../../subgraphs', name, 'src', 'db', 'migrations')

/** Every module a TypeScript file names in an import or re-export, static or dynamic. */
function importedModules(source: string) {
  return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]!)
}

/**
 * The migrations, each recording the statements its `up` and its `down` send (with their parameters), and those
 * statements in the order they ran, as the text of a SQL file.
 */
function recordStatements(migrations: Record<string, Migration>) {
  const sent: [string, string[]][] = []
  let running: string[] | undefined
  const onQuery = (text: string, parameters: readonly unknown[]) =>
    running?.push(parameters.length > 0 ? `${text};\n-- parameters: ${JSON.stringify(parameters)}` : `${text};`)
  async function record(label: string, step: () => Promise<void>) {
    running = []
    sent.push([label, running])
    try {
      await step()
    } finally {
      running = undefined
    }
  }
  const recorded: Record<string, Migration> = Object.fromEntries(
    Object.entries(migrations).map(([name, migration]) => [
      name,
      {
        up: (db) => record(`${name} up`, () => migration.up(db)),
        down: (db) =>
          record(`${name} down`, async () => {
            await migration.down?.(db)
          }),
      } satisfies Migration,
    ]),
  )
  const text = () => sent.map(([label, statements]) => [`-- ${label}`, ...statements, ''].join('\n')).join('\n')
  return { onQuery, recorded, text }
}

/**
 * The schema a database holds, one sorted line per relation, column, constraint, index, trigger, function, view and
 * extension. Not-null constraints are read from the columns only: PostgreSQL 18 (PGlite) also lists them as
 * constraints, PostgreSQL 15 does not. A view's definition is read without the relation before each column: PostgreSQL
 * 15 writes `reference_entry.code` where 18 writes `code`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the dump reads the catalogue of any subgraph
async function dumpSchema(db: Kysely<any>) {
  const { rows } = await sql<{ line: string }>`
    with own_relation as (
      select c.oid, c.relname, c.relkind from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
    )
    select format('relation %s %s', relname, relkind) as line from own_relation
    union all
    select format('column %s.%s #%s %s %s default %s identity %s generated %s', table_name, column_name,
      ordinal_position, udt_name, case is_nullable when 'YES' then 'null' else 'not null' end,
      coalesce(column_default, '-'), coalesce(identity_generation, '-'), coalesce(generation_expression, '-'))
    from information_schema.columns where table_schema = current_schema()
    union all
    select format('constraint %s.%s %s', r.relname, k.conname, pg_get_constraintdef(k.oid))
    from pg_constraint k join own_relation r on r.oid = k.conrelid where k.contype <> 'n'
    union all
    select 'index ' || indexdef from pg_indexes where schemaname = current_schema()
    union all
    select 'trigger ' || pg_get_triggerdef(t.oid) from pg_trigger t join own_relation r on r.oid = t.tgrelid
    where not t.tgisinternal
    union all
    select 'function ' || pg_get_functiondef(p.oid) from pg_proc p
    where p.pronamespace = current_schema()::regnamespace
      and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    union all
    select 'view ' || viewname || ' ' || regexp_replace(definition, '[a-z_][a-z0-9_]*[.](?=[a-z_])', '', 'g')
    from pg_views where schemaname = current_schema()
    union all
    select 'extension ' || extname from pg_extension
    order by line
  `.execute(db)
  return `${rows.map((row) => row.line).join('\n')}\n`
}

describe('frozen migrations', () => {
  it.each(SUBGRAPH_NAMES)('%s’s migrations import nothing but kysely and one another', (name) => {
    const folder = migrationsFolder(name)
    const foreign = readdirSync(folder).flatMap((file) =>
      importedModules(readFileSync(join(folder, file), 'utf8'))
        .filter((module) => {
          if (module === 'kysely') return false
          const sibling = /^\.\/([^/]+)\.js$/.exec(module)?.[1]
          return !(sibling && existsSync(join(folder, `${sibling}.ts`)))
        })
        .map((module) => `${file}: ${module}`),
    )
    expect(foreign).toEqual([])
  })

  describe.each(backends)('on %s', (backend: Backend) => {
    async function openEmpty(name: SubgraphName, onQuery: ReturnType<typeof recordStatements>['onQuery']) {
      if (backend === 'pglite') return openDatabase({ dataDir: 'memory://' }, { onQuery })
      const database = testDatabaseName(name)
      await withAdmin((client) => client.query(`create database "${database}"`))
      return openPostgresTestDatabase(database, onQuery)
    }

    it.each(SUBGRAPH_NAMES)(
      '%s’s migrations, up and down, send the statements and leave the schema they always did',
      async (name) => {
        const { onQuery, recorded, text } = recordStatements(subgraphs[name].migrations)
        const database = await openEmpty(name, onQuery)
        try {
          await migrateToLatest(database.db, recorded)
          await expect(await dumpSchema(database.db)).toMatchFileSnapshot(
            `__snapshots__/frozen-migrations/${name}.schema.txt`,
          )
          const provider = { getMigrations: async () => recorded }
          const { error } = await new Migrator({ db: database.db, provider }).migrateTo(NO_MIGRATIONS)
          expect(error).toBeUndefined()
          await expect(text()).toMatchFileSnapshot(`__snapshots__/frozen-migrations/${name}.statements.sql`)
        } finally {
          await database.close()
        }
      },
    )
  })
})
