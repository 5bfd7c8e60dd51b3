import type { Migration } from 'kysely'
import type { TestProject } from 'vitest/node'
import type { SubgraphName } from '@hub/platform/sides'
import { openDatabase } from '@hub/subgraph-kit/database'
import { migrateToLatest } from '@hub/subgraph-kit/migrate'
import { databaseUrl, postgresReachable, withAdmin } from './postgres.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Per subgraph under test, a migrated template database to clone; null when no PostgreSQL server runs here. */
    postgresTemplates: Partial<Record<SubgraphName, string>> | null
    testRunId: string
  }
}

/** A subgraph as its tests know it: its name and its migrations, the schema of each fresh test database. */
export interface MigratedSubgraph {
  name: SubgraphName
  migrations: Record<string, Migration>
}

/**
 * The global setup of a test run (vitest's `globalSetup`): migrates one template database per subgraph once; every
 * test file then clones its own (`CREATE DATABASE … TEMPLATE …`), fast and isolated. The teardown drops what the run
 * left behind.
 */
export function templatesSetup(subgraphs: readonly MigratedSubgraph[]) {
  return async function setup(project: TestProject) {
    const runId = `${process.pid}_${Date.now().toString(36)}`
    project.provide('testRunId', runId)
    if (!(await postgresReachable())) {
      project.provide('postgresTemplates', null)
      return undefined
    }
    const templates: Partial<Record<SubgraphName, string>> = {}
    for (const { name, migrations } of subgraphs) {
      const template = `hub_tpl_${name}_${runId}`
      await withAdmin((client) => client.query(`create database "${template}"`))
      const database = openDatabase({ url: databaseUrl(template) }, { poolSize: 1 })
      await migrateToLatest(database.db, migrations)
      await database.close()
      templates[name] = template
    }
    project.provide('postgresTemplates', templates)

    return async () => {
      await withAdmin(async (client) => {
        const { rows } = await client.query<{ datname: string }>(
          `select datname from pg_database where datname like $1`,
          [`hub_%_${runId}%`],
        )
        for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`)
      })
    }
  }
}
