import type { ApolloGateway } from '@apollo/gateway'
import type { ApolloServer } from '@apollo/server'
import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  print,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLScalarType,
  type GraphQLSchema,
} from 'graphql'
import * as operations from '@hub/schema/operations'
import type { GatewayContext } from './subgraph-client.js'

/** The committed operations (`schema/operations/`) as the dashboard sends them: codegen's documents, printed. */
export function committedOperations(): string[] {
  return Object.entries(operations)
    .filter(([name, value]) => name.endsWith('Document') && (value as DocumentNode).kind === 'Document')
    .map(([, document]) => print(document as DocumentNode))
}

/**
 * A value the gateway accepts for a variable of this type: it checks only the shape (a subgraph checks the values
 * of its own scalars), so an empty string does for any scalar but numbers and booleans.
 */
function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType)
  if (isListType(type)) return []
  if (isEnumType(type)) return type.getValues()[0]!.name
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, placeholder(field.type)]),
    )
  }
  if (type.name === 'Int' || type.name === 'Float') return 0
  if (type.name === 'Boolean') return false
  // A custom scalar checks its values at the gateway too (a date must be a real day): the first value it takes.
  return SCALAR_PLACEHOLDERS.find((value) => accepts(type, value)) ?? ''
}

const SCALAR_PLACEHOLDERS = ['', '2000-01-01', '2000-01-01T00:00:00Z']

function accepts(type: GraphQLScalarType, value: string) {
  try {
    type.parseValue(value)
    return true
  } catch {
    return false
  }
}

/** Values for the variables an operation requires, so that it gets past the gateway's check of its variables. */
function placeholderVariables(schema: GraphQLSchema, query: string) {
  const variables: Record<string, unknown> = {}
  for (const definition of parse(query).definitions) {
    if (definition.kind !== 'OperationDefinition') continue
    for (const variable of definition.variableDefinitions ?? []) {
      const type = typeFromAST(schema, variable.type) as GraphQLInputType | undefined
      if (type && isNonNullType(type) && !variable.defaultValue) {
        variables[variable.variable.name.value] = placeholder(type)
      }
    }
  }
  return variables
}

/**
 * Runs each committed operation once through the server with a context that reaches no subgraph (`warmUp`), so that
 * its parsed and validated document and its query plan are cached before the first user asks: planning `ChildCard`
 * alone takes tens of milliseconds. The answers are thrown away; nothing is read or written. A plan is cached under
 * the query text and the operation name the client sends, and the dashboard sends none.
 */
export async function warmUp(apollo: ApolloServer<GatewayContext>, gateway: ApolloGateway, queries: readonly string[]) {
  const started = performance.now()
  const schema = gateway.schema!
  const unplanned: string[] = []
  for (const query of queries) {
    const response = await apollo.executeOperation(
      { query, variables: placeholderVariables(schema, query) },
      { contextValue: { warmUp: true } },
    )
    // Planned operations end at a subgraph, which the warm-up context answers with UNAVAILABLE; any other error
    // (a variable refused) came before the plan.
    const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : []
    if (errors.some((error) => error.extensions?.code !== 'UNAVAILABLE')) unplanned.push(query.slice(0, 60))
  }
  return {
    operations: queries.length - unplanned.length,
    unplanned,
    milliseconds: Math.round(performance.now() - started),
  }
}
