import type { TestProject } from 'vitest/node'
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/platform/sides'
import { openDatabase } from '@hub/subgraph-kit/database'
import { migrateToLatest } from '@hub/subgraph-kit/migrate'
import { databaseUrl, postgresReachable, withAdmin } from './postgres.js'
import { subgraphs } from './subgraphs.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Per subgraph, a migrated template database to clone; null when no PostgreSQL server runs here. */
    postgresTemplates: Record<SubgraphName, string> | null
    testRunId: string
  }
}

/**
 * Migrates one template database per subgraph once; every test file then
 * clones its own (`CREATE DATABASE … TEMPLATE …`), fast and isolated.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`
  project.provide('testRunId', runId)
  if (!(await postgresReachable())) {
    project.provide('postgresTemplates', null)
    return undefined
  }
  const templates = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `hub_tpl_${name}_${runId}`])) as Record<
    SubgraphName,
    string
  >
  for (const name of SUBGRAPH_NAMES) {
    await withAdmin((client) => client.query(`create database "${templates[name]}"`))
    const database = openDatabase({ url: databaseUrl(templates[name]) }, { poolSize: 1 })
    await migrateToLatest(database.db, subgraphs[name].migrations)
    await database.close()
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
