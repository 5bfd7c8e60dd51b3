import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print } from 'graphql'
import { readPurpose } from './purpose'

/** A GraphQL error as the gateway sends it: a code from the hub's closed set, and what it names. */
export interface HubError {
  message: string
  path?: readonly (string | number)[]
  extensions?: {
    code?: string
    serviceName?: string
    field?: string
    category?: string
    [key: string]: unknown
  }
}

export interface GraphQLResult<T> {
  data?: T | null
  errors?: HubError[]
}

export const GRAPHQL_URL = '/graphql'

/** Where the attach mutations go: the gateway's one path whose body limit fits a scanned document as base64. */
export const UPLOAD_URL = '/files'

/**
 * POSTs one request to the gateway with the user's token and chosen purpose of access, as JSON (never a "simple"
 * request: CSRF prevention).
 */
export async function postGraphQL<T>(
  body: unknown,
  token: string | null,
  headers: Record<string, string> = {},
  url = GRAPHQL_URL,
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'x-access-purpose': readPurpose(),
      ...headers,
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  })
  if (!(response.headers.get('content-type') ?? '').includes('json')) {
    throw new Error(`Шлюз ответил ${response.status} без данных GraphQL`)
  }
  return (await response.json()) as GraphQLResult<T>
}

const printed = new WeakMap<object, string>()

/** Runs one of the committed operations, typed by codegen (schema/__generated__/operations.ts). */
export function runOperation<R, V>(
  document: TypedDocumentNode<R, V>,
  variables: V,
  token: string | null,
  url = GRAPHQL_URL,
) {
  let query = printed.get(document)
  if (query === undefined) {
    query = print(document)
    printed.set(document, query)
  }
  return postGraphQL<R>({ query, variables }, token, {}, url)
}
