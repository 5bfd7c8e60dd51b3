import type { GraphQLFormattedError } from 'graphql'
import { withoutSuggestions } from '@hub/platform/limits'

/**
 * What a production error may not show: suggestions, which let anyone
 * read the schema back with introspection off; a stack trace; and what
 * Apollo's gateway copies from a subgraph's failed HTTP response
 * (`extensions.response` holds its URL and body).
 */
export function withoutInternals(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const {
    response: _response,
    exception: _exception,
    stacktrace: _stacktrace,
    ...extensions
  } = formatted.extensions ?? {}
  return { ...withoutSuggestions(formatted), extensions }
}
