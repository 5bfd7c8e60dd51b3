import type { GraphQLFormattedError } from 'graphql'
import { GraphQLError } from 'graphql'
import {
  isErrorRule,
  type ErrorRule,
  type RecordKind,
  type RuleParamName,
  type RuleParams,
  type Side,
} from './error-rules.js'

/** The closed set of error codes clients may rely on (DESIGN.md §3). */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'UNAVAILABLE',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** The arguments that carry a rule's parameters: none for a text without any, otherwise exactly its own. */
export type ParamsArg<R extends ErrorRule> = [RuleParamName<R>] extends [never] ? [] : [params: RuleParams<R>]

/** What an error adds beside its code and rule: the field it names, and for a rule with parameters, their values. */
export type RuleExtensions<R extends ErrorRule> = Record<string, unknown> &
  ([RuleParamName<R>] extends [never] ? { params?: undefined } : { params: RuleParams<R> })

/**
 * An error of the closed set naming the rule it broke (`extensions.rule`, from the catalogue in `error-rules.ts`) and
 * the values its Russian text needs (`extensions.params`). The English message is for developers.
 */
export function hubError<R extends ErrorRule>(
  code: ErrorCode,
  rule: R,
  message: string,
  ...[extensions]: [RuleParamName<R>] extends [never]
    ? [extensions?: RuleExtensions<R>]
    : [extensions: RuleExtensions<R>]
) {
  return new GraphQLError(message, { extensions: { ...extensions, code, rule } })
}

/** A record named by an argument does not exist. */
export function notFound(field: string, record: RecordKind, id: string) {
  return hubError('NOT_FOUND', 'NOT_FOUND', `${field}: no ${record} with id ${id}`, { field, params: { record } })
}

/** The argument is well formed but clashes with what is recorded (already ended, already taken). */
export function conflict<R extends ErrorRule>(field: string, rule: R, message: string, ...params: ParamsArg<R>) {
  return hubError('CONFLICT', rule, `${field}: ${message}`, ruleExtensions(field, params))
}

/** PostgreSQL's unique_violation: a concurrent transaction recorded the same thing first. */
export function isUniqueViolation(error: unknown) {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505'
}

/** A rejected argument: the message names the field and how it broke the rule. */
export function badUserInput<R extends ErrorRule>(field: string, rule: R, message: string, ...params: ParamsArg<R>) {
  return hubError('BAD_USER_INPUT', rule, `${field}: ${message}`, ruleExtensions(field, params))
}

function ruleExtensions<R extends ErrorRule>(field: string, [params]: ParamsArg<R> | [undefined]) {
  return (params === undefined ? { field } : { field, params }) as unknown as RuleExtensions<R>
}

/** Network failures of the connection to the database server. */
const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE'])

/**
 * PostgreSQL's protocol_violation: filed under connection exceptions (08P01), but what it reports is a statement the
 * server could not take, most often one with more than 65,535 bind parameters. A fault in the statement, not an
 * outage; the inputs' caps (`inputs.ts`) keep a caller from causing it.
 */
const PROTOCOL_VIOLATION = '08P01'

/**
 * Whether an error means the subgraph's database cannot be reached, rather than a fault in a statement: a refused or
 * broken connection, the pool's connection timeout, or PostgreSQL's own connection-exception (08…), shutdown
 * (57P01–57P03) and too-many-connections (53300) states.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as Error & { code?: unknown }).code
  if (typeof code === 'string') {
    if (code === PROTOCOL_VIOLATION) return false
    if (CONNECTION_FAILURES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300') {
      return true
    }
  }
  if (/^Connection terminated|timeout exceeded when trying to connect/.test(error.message)) return true
  return error.cause !== undefined && isDatabaseUnavailable(error.cause)
}

/** What a caller learns when the subgraph's database is down: the side is unavailable, not broken. */
export function databaseUnavailable(
  subgraph: Side,
  { path, locations }: Pick<GraphQLFormattedError, 'path' | 'locations'> = {},
): GraphQLFormattedError {
  return {
    message: `${subgraph}: its database is unavailable; try again later`,
    path,
    locations,
    extensions: { code: 'UNAVAILABLE', rule: 'DATABASE_UNAVAILABLE', params: { side: subgraph } },
  } satisfies GraphQLFormattedError & { extensions: RuleExtensions<'DATABASE_UNAVAILABLE'> }
}

/**
 * PostgreSQL's query_canceled (57014): the statement ran past the session's `statement_timeout`, or was cancelled
 * because its caller went away. The database is fine; the request asked for more work than one statement may do.
 */
export function isStatementCancelled(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if ((error as Error & { code?: unknown }).code === '57014') return true
  return error.cause !== undefined && isStatementCancelled(error.cause)
}

/**
 * What a caller learns when its statement was stopped: the field and the rule, as a refusal of its request. Not
 * UNAVAILABLE: the side serves everybody else, and asking again for the same would be stopped again. A statement
 * cancelled because the request that started it was abandoned reaches only those who shared its result (the
 * remembered indicators): they may ask again.
 */
export function statementStopped(
  error: unknown,
  { path, locations }: Pick<GraphQLFormattedError, 'path' | 'locations'>,
) {
  const field = path?.filter((part) => typeof part === 'string').join('.') || 'query'
  const timedOut = error instanceof Error && /statement timeout/.test(error.message)
  return {
    message: timedOut
      ? `${field}: took longer than one database statement may run here (statement_timeout) and was stopped; ask for less (a shorter period, fewer rows)`
      : `${field}: its statement was stopped because the request that started it was abandoned; ask again`,
    path,
    locations,
    extensions: { code: 'BAD_USER_INPUT', field, rule: timedOut ? 'STATEMENT_TIMEOUT' : 'REQUEST_ABANDONED' },
  } satisfies GraphQLFormattedError & { extensions: { rule: ErrorRule } }
}

/** graphql-js's refusal of a variable's value: `Variable "$input" got invalid value … at "input.birthDate"; …`. */
const BAD_VARIABLE =
  /^Variable "\$([^"]+)" (?:got invalid value [\s\S]*? at "([^"]+)";|got invalid value|of required type|of non-null type)/

/**
 * Refusals of a request's arguments that GraphQL itself reports before any resolver runs: a variable whose value does
 * not fit its type (graphql-js gives it no code where the gateway checks variables) and a scalar's or an input rule's
 * refusal inside validation (Apollo codes every validation error GRAPHQL_VALIDATION_FAILED). Each is the caller's bad
 * input, so it becomes BAD_USER_INPUT with the path of the value it names in `extensions.field`.
 */
export function codeInputErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined
  const fromRule = original instanceof GraphQLError && original.extensions.code === 'BAD_USER_INPUT'
  const variable = BAD_VARIABLE.exec(formatted.message)
  if (!fromRule && !variable) return formatted
  const field = formatted.extensions?.field ?? (variable ? (variable[2] ?? variable[1]) : undefined)
  // A rule's refusal keeps its rule and values; GraphQL's own refusal of a variable says only that the value does not fit.
  const { rule, params } = fromRule
    ? original.extensions
    : { rule: 'INVALID_VALUE' satisfies ErrorRule, params: undefined }
  return {
    ...formatted,
    extensions: {
      ...formatted.extensions,
      code: 'BAD_USER_INPUT',
      rule,
      ...(params === undefined ? {} : { params }),
      ...(field ? { field } : {}),
    },
  }
}

// Apollo Server's own request-level codes (a malformed query, unknown operation) are the client's fault and pass too.
const APOLLO_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
])
const PASS_THROUGH = new Set<string>([...ERROR_CODES, ...APOLLO_CODES])

/**
 * Errors with a code from the closed set (and GraphQL's own validation
 * errors) reach the client as they are; anything else is an internal
 * fault and is masked so that no SQL or stack leaks out.
 */
export function maskUnexpectedError(formatted: GraphQLFormattedError, onUnexpected?: (error: unknown) => void) {
  const code = formatted.extensions?.code
  if (typeof code === 'string' && PASS_THROUGH.has(code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {}
    // Apollo's own refusals of a request (a query that does not parse or validate) name no rule of the hub's.
    const rule = APOLLO_CODES.has(code) && !isErrorRule(extensions.rule) ? 'MALFORMED_REQUEST' : extensions.rule
    return { ...formatted, extensions: { ...extensions, ...(rule === undefined ? {} : { rule }) } }
  }
  onUnexpected?.(formatted)
  return {
    message: 'Internal error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR', rule: 'INTERNAL' satisfies ErrorRule },
  }
}
