import {
  getNamedType,
  GraphQLError,
  GraphQLScalarType,
  Kind,
  type ASTNode,
  type ASTVisitor,
  type GraphQLSchema,
  type ValidationContext,
} from 'graphql'
import type { ErrorRule } from './error-rules.js'
import { hubError } from './errors.js'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Whether the text names a day of the calendar. `Date.parse` rolls an impossible day over (2025-02-30 becomes
 * 2 March) or fails only in some engines, so the day is built from its parts and must give the same parts back.
 * There is no year 0 (PostgreSQL refuses it).
 */
export function isCalendarDate(value: string) {
  const parts = ISO_DATE.exec(value)
  if (!parts) return false
  const [year, month, day] = parts.slice(1).map(Number) as [number, number, number]
  const built = new Date(Date.UTC(year, month - 1, day))
  built.setUTCFullYear(year)
  return year > 0 && built.getUTCFullYear() === year && built.getUTCMonth() === month - 1 && built.getUTCDate() === day
}

/** A day as a person writes it: Russian `дд.мм.гггг` (day and month may be one digit) or ISO `гггг-мм-дд`. */
const RUSSIAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/

/** The day a person's text names, as `YYYY-MM-DD` (a search's word, a file's cell); null when it is no calendar day. */
export function dayFromText(text: string) {
  const russian = RUSSIAN_DATE.exec(text)
  const day = russian ? `${russian[3]}-${russian[2]!.padStart(2, '0')}-${russian[1]!.padStart(2, '0')}` : text
  return isCalendarDate(day) ? day : null
}

const DATE_RULE = 'must be a real calendar date written YYYY-MM-DD (e.g. 2025-02-28)'

function parseDate(value: unknown) {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw hubError('BAD_USER_INPUT', 'INVALID_DATE', `Date: ${DATE_RULE}`)
  }
  return value
}

/** The argument path of a value in a query (`input.members[1].birthDate`), from the nodes above it. */
function literalPath(nodes: readonly ASTNode[]) {
  let path = ''
  nodes.forEach((node, index) => {
    if (node.kind === Kind.ARGUMENT) path = node.name.value
    else if (node.kind === Kind.OBJECT_FIELD) path += `.${node.name.value}`
    else if (node.kind === Kind.LIST) path += `[${node.values.indexOf(nodes[index + 1] as never)}]`
  })
  return path || 'Date'
}

/**
 * The `Date` rule for dates written into the query itself. A scalar's `parseLiteral` learns nothing of where its
 * value stands, so the `Date` scalar lets a literal string through and this validation rule refuses an impossible one,
 * naming its argument path; a variable's value is refused by the scalar itself, and GraphQL names its path.
 */
export function dateLiteralRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node, _key, parent, _path, ancestors) {
      const type = context.getInputType()
      if (!type || getNamedType(type).name !== 'Date' || isCalendarDate(node.value)) return
      // `ancestors` stops above `parent`.
      const nodes = [...ancestors, parent, node].filter(
        (ancestor): ancestor is ASTNode => ancestor !== undefined && !Array.isArray(ancestor),
      )
      const field = literalPath(nodes)
      context.reportError(
        new GraphQLError(`${field}: ${DATE_RULE}`, {
          nodes: node,
          extensions: { code: 'BAD_USER_INPUT', rule: 'INVALID_DATE' satisfies ErrorRule, field },
        }),
      )
    },
  }
}

/**
 * Calendar dates travel as 'YYYY-MM-DD' text, as the databases return them. A literal in the query is checked by
 * `dateLiteralRule`, which every server using this scalar runs.
 */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) return parseDate(undefined)
    return ast.value
  },
})

/**
 * Gives a schema built from SDL alone (the gateway's, from the supergraph, where a custom scalar takes any value) the
 * `Date` rule, so that a malformed date is refused where it arrives, naming its field, before any subgraph is called.
 * Values are only parsed, never changed: what the gateway forwards is what the client sent. Used with
 * `dateLiteralRule`.
 */
export function withScalarRules(schema: GraphQLSchema) {
  const date = schema.getType(DateScalar.name)
  if (date instanceof GraphQLScalarType) {
    Object.assign(date, { parseValue: DateScalar.parseValue, parseLiteral: DateScalar.parseLiteral })
  }
  return schema
}

function parseDateTime(value: unknown) {
  const moment = typeof value === 'string' ? new Date(value) : undefined
  if (!moment || Number.isNaN(moment.getTime())) {
    throw hubError(
      'BAD_USER_INPUT',
      'INVALID_MOMENT',
      'DateTime: must be a moment in ISO 8601, e.g. 2026-11-23T10:00:00Z',
    )
  }
  return moment
}

/** Moments travel as ISO 8601 in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value : parseDateTime(value)).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
})

/**
 * The TypeScript type codegen gives these scalars' values in the resolver types and the typed operations: a date
 * travels as its text; a moment is what a resolver returns, a `Date` from the database or its ISO text.
 */
export const SCALAR_TYPES = {
  Date: 'string',
  DateTime: 'Date | string',
}
