import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { operationFromDocument, Supergraph } from '@apollo/federation-internals'
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner'
import type { DocumentNode } from 'graphql'
import * as operations from '../schema/__generated__/operations.js'

const supergraphPath = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url))

/**
 * The gateway's query plan of a committed operation (`schema/operations/`), planned over the committed supergraph
 * by the planner the gateway itself runs, and printed as Apollo prints plans: which subgraph answers which part, in
 * what order. `npx tsx scripts/query-plan.ts ChildCard` prints it; docs/life-of-a-child-card.md shows it.
 */
export function queryPlanOf(operationName: string) {
  const document = (operations as Record<string, unknown>)[`${operationName}Document`] as DocumentNode | undefined
  if (!document) throw new Error(`${operationName}: no committed operation of that name in schema/operations/`)
  const supergraph = Supergraph.build(readFileSync(supergraphPath, 'utf8'))
  const operation = operationFromDocument(supergraph.schema, document, { operationName })
  return prettyFormatQueryPlan(new QueryPlanner(supergraph).buildQueryPlan(operation))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [operationName] = process.argv.slice(2)
  if (!operationName) {
    console.error('usage: npx tsx scripts/query-plan.ts <operation name, e.g. ChildCard>')
    process.exit(2)
  }
  console.log(queryPlanOf(operationName))
}
