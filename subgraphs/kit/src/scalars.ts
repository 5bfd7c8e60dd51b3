import { GraphQLError, GraphQLScalarType, Kind } from 'graphql'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function parseDate(value: unknown) {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new GraphQLError('Date: must be a calendar date written YYYY-MM-DD', {
      extensions: { code: 'BAD_USER_INPUT' },
    })
  }
  return value
}

/** Calendar dates travel as 'YYYY-MM-DD' text, as the databases return them. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
})

function parseDateTime(value: unknown) {
  const moment = typeof value === 'string' ? new Date(value) : undefined
  if (!moment || Number.isNaN(moment.getTime())) {
    throw new GraphQLError('DateTime: must be a moment in ISO 8601, e.g. 2026-11-23T10:00:00Z', {
      extensions: { code: 'BAD_USER_INPUT' },
    })
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
