import type { ApolloServerPlugin, BaseContext } from '@apollo/server'
import { ApolloArmor } from '@escape.tech/graphql-armor'
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express'
import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql'
import { hubError } from './errors.js'

/**
 * What one request may ask of a service of the hub (the gateway or a subgraph). A request over any of them is
 * refused before it is executed; at the gateway, before any subgraph sees it.
 */
export interface QueryLimits {
  /** Nesting of selections, fragments counted where they are spread. */
  maxDepth: number
  maxAliases: number
  /** Lexical tokens of the query document: bounds the parser's work on a huge query. */
  maxTokens: number
  maxDirectives: number
  /** The cost of `operationCost`, computed with the request's variables. */
  maxCost: number
  /** Operations in one HTTP request; 1 means an array body (a batch) is refused. */
  maxBatchOperations: number
  maxBodyBytes: number
}

/**
 * The most operations one batched HTTP request to a subgraph may carry. The gateway sends the fetches of one plan
 * step to one subgraph as a batch (gateway/src/subgraph-client.ts); a caller reaching a subgraph directly gets no more.
 */
export const MAX_SUBGRAPH_BATCH = 32

/**
 * What a subgraph accepts: the gateway's plans for every committed operation, with room for what a client may send
 * within the gateway's limits (its depth and aliases, and the planner's own). The largest plan fetch, social's part of
 * a RegistryPage of 1,000 children, costs about 97,000 and has depth 7, no alias or directive and under 400 tokens;
 * the largest body, ngo's `_entities` for 1,000 children with the fields it requires, is about 120 KB.
 */
export const DEFAULT_SUBGRAPH_LIMITS: Readonly<QueryLimits> = Object.freeze({
  maxDepth: 15,
  maxAliases: 30,
  maxTokens: 10_000,
  maxDirectives: 40,
  maxCost: 300_000,
  maxBatchOperations: MAX_SUBGRAPH_BATCH,
  maxBodyBytes: 1024 * 1024,
})

export type LimitName = 'depth' | 'aliases' | 'tokens' | 'directives' | 'cost' | 'batch' | 'body' | 'rate'

/**
 * A request over a limit is the client's to fix, so it is BAD_USER_INPUT
 * from the closed set; `extensions.limit` says which limit it broke.
 */
export function limitExceeded(
  limit: Exclude<LimitName, 'rate'>,
  message: string,
  extensions: Record<string, unknown> = {},
) {
  return hubError('BAD_USER_INPUT', 'LIMIT_EXCEEDED', message, { ...extensions, limit })
}

/** Too many requests of one caller: `extensions.retryAfter` (and the text) says in how many seconds to ask again. */
export function rateLimitExceeded(message: string, retryAfter: number, extensions: Record<string, unknown> = {}) {
  return hubError('BAD_USER_INPUT', 'RATE_LIMITED', message, {
    ...extensions,
    limit: 'rate',
    retryAfter,
    params: { seconds: retryAfter },
  })
}

/**
 * graphql-armor's depth, alias and directive rules, run by Apollo with GraphQL's own validation. Three of armor's
 * protections stay off: its cost rule runs before the variables are known, so `first: $n` counted as 1 (the cost is
 * `costLimit`'s, once the operation is resolved); its token limit runs as a plugin whose unexpected-error hook turns
 * every internal fault into a validation error that would pass unmasked (Apollo's own `parseOptions.maxTokens` does
 * the job instead); and its field-suggestion mask misses "Did you mean the enum value …" (`withoutSuggestions` strips
 * them in production).
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const reportAs = (limit: Exclude<LimitName, 'rate'>) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(limitExceeded(limit, `query: ${error.message.replace(/^Syntax Error: /, '')}`)),
    ],
  })
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...reportAs('depth') },
    maxAliases: { n: limits.maxAliases, ...reportAs('aliases') },
    maxDirectives: { n: limits.maxDirectives, ...reportAs('directives') },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect().validationRules
}

/** The arguments that say how many items a list field returns: its cost is multiplied by their value. */
const PAGE_SIZE_ARGUMENTS = new Set(['first', 'last'])

const OBJECT_COST = 2
const SCALAR_COST = 1
const DEPTH_FACTOR = 1.5

/**
 * What an operation costs: 2 per object and 1 per scalar field, times 1.5 per level of nesting, and a list field's
 * cost times its page size (graphql-armor's model). The page size is read as the server will: a literal, else the
 * variable's value in this request, else the variable's default, else the argument's default in the schema; so
 * `first: $n` with `n = 1000` costs what `first: 1000` does, and each alias is counted on its own. Fragments count
 * where they are spread; introspection is free.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  }
  const variableDefaults = new Map<string, ValueNode | undefined>(
    (operation.variableDefinitions ?? []).map((definition) => [
      definition.variable.name.value,
      definition.defaultValue,
    ]),
  )

  const literal = (node: ValueNode | undefined) => (node?.kind === Kind.INT ? Number.parseInt(node.value, 10) : null)

  /** The page size a field gets, as execution will coerce it; `null` when none applies. */
  const pageSize = (
    field: GraphQLField<unknown, unknown> | undefined,
    argument: ArgumentNode | undefined,
    name: string,
  ) => {
    if (argument && argument.value.kind !== Kind.VARIABLE) return literal(argument.value)
    if (argument?.value.kind === Kind.VARIABLE) {
      const variable = argument.value.name.value
      const value = variables[variable]
      if (value !== undefined) return typeof value === 'number' ? value : null
      const fallback = variableDefaults.get(variable)
      if (fallback) return literal(fallback)
    }
    // An argument left out, or a variable neither sent nor defaulted, takes the schema's default.
    const declared = field?.args.find((candidate) => candidate.name === name)?.defaultValue
    return typeof declared === 'number' ? declared : null
  }

  const selectionsCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType | undefined): number => {
    let cost = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value)
        cost += selectionsCost(selection.selectionSet, isCompositeType(condition) ? condition : parent)
        continue
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value)
        const condition = fragment && schema.getType(fragment.typeCondition.name.value)
        if (fragment) cost += selectionsCost(fragment.selectionSet, isCompositeType(condition) ? condition : parent)
        continue
      }
      if (selection.name.value === '__schema' || selection.name.value === '__type') continue
      if (!selection.selectionSet) {
        cost += SCALAR_COST
        continue
      }
      const field =
        parent && (isObjectType(parent) || isInterfaceType(parent))
          ? parent.getFields()[selection.name.value]
          : undefined
      const type = field && getNamedType(field.type)
      let multiplier = 1
      for (const name of PAGE_SIZE_ARGUMENTS) {
        const size = pageSize(
          field,
          selection.arguments?.find((given) => given.name.value === name),
          name,
        )
        if (size !== null) multiplier = Math.max(multiplier, size)
      }
      const children = selectionsCost(selection.selectionSet, isCompositeType(type) ? type : undefined)
      cost += (OBJECT_COST + DEPTH_FACTOR * children) * multiplier
    }
    return cost
  }

  const root = schema.getRootType(operation.operation) ?? undefined
  return selectionsCost(operation.selectionSet, root)
}

/**
 * Refuses an operation over `maxCost` once Apollo has resolved it, when the request's variables are at hand (a
 * validation rule sees the document only). Refused with HTTP 400 and the shape of the other limits, before execution.
 */
export function costLimit<C extends BaseContext>(maxCost: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return
          const cost = operationCost(schema, document, operation, request.variables)
          if (cost > maxCost) {
            throw limitExceeded('cost', `query: Query Cost limit of ${maxCost} exceeded, found ${Math.round(cost)}.`, {
              http: { status: 400 },
            })
          }
        },
      }
    },
  }
}

// graphql-js's message when `parseOptions.maxTokens` stops the parser (its typo "more that" included).
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/

/**
 * Apollo reports every validation failure as GRAPHQL_VALIDATION_FAILED and
 * the parser's token limit as a syntax error; this gives a limit's refusal
 * its BAD_USER_INPUT code back.
 */
export function codeLimitErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code
  if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof formatted.extensions?.limit === 'string') {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } }
  }
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null
  if (tokens) return limitExceeded('tokens', `query: Token limit of ${tokens[1]} exceeded.`).toJSON()
  return formatted
}

// graphql-js appends every suggestion as " Did you mean …?", fields, arguments, types and enum values alike.
const SUGGESTION = / ?Did you mean [^?]*\?/g

/** An error without graphql-js's suggestions, which let anyone read the schema back with introspection off. */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return { ...formatted, message: formatted.message.replace(SUGGESTION, '') }
}

/** Answers a request with one error and the status, as Apollo would (`extensions.http` says the status, not the body). */
export function refuse(res: Response, status: number, error: GraphQLError) {
  const { http: _http, ...extensions } = error.extensions
  res.status(status).json({ errors: [{ ...error.toJSON(), extensions }] })
}

/**
 * Parses the JSON body within the size limit and refuses a batch over the
 * batch limit, before Apollo. Body errors come out as GraphQL errors rather
 * than Express's HTML page. `service` names whose limit it is.
 */
export function requestBodyLimits(limits: QueryLimits, service: string): (RequestHandler | ErrorRequestHandler)[] {
  const tooLarge = () =>
    limitExceeded('body', `request body: larger than the ${service}'s limit of ${limits.maxBodyBytes} bytes`)
  // A body announced larger than the limit is refused unread, and the connection closed: the JSON parser would
  // first read all of it off the connection to keep it usable.
  const announcedSize: RequestHandler = (req, res, next) => {
    if (!(Number(req.headers['content-length']) > limits.maxBodyBytes)) return next()
    res.setHeader('connection', 'close')
    refuse(res, 413, tooLarge())
  }
  const checkBatch: RequestHandler = (req, res, next) => {
    const body: unknown = req.body
    if (!Array.isArray(body)) return next()
    if (limits.maxBatchOperations <= 1) {
      return refuse(
        res,
        400,
        limitExceeded('batch', 'request body: batched operations are not accepted; send one operation per request'),
      )
    }
    if (body.length > limits.maxBatchOperations) {
      return refuse(
        res,
        400,
        limitExceeded(
          'batch',
          `request body: a batch may hold at most ${limits.maxBatchOperations} operations, got ${body.length}`,
        ),
      )
    }
    next()
  }
  const bodyErrors: ErrorRequestHandler = (error: { type?: string }, _req, res, next) => {
    if (error.type === 'entity.too.large') return refuse(res, 413, tooLarge())
    if (error.type === 'entity.parse.failed') {
      // Apollo's own code for a request it cannot read (no query, a wrong content type).
      return refuse(
        res,
        400,
        new GraphQLError('request body: not valid JSON', {
          extensions: { code: 'BAD_REQUEST', rule: 'MALFORMED_REQUEST' },
        }),
      )
    }
    next(error)
  }
  return [announcedSize, express.json({ limit: limits.maxBodyBytes }), checkBatch, bodyErrors]
}
