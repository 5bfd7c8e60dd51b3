import { fetch } from 'undici'

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number
  data?: T | null
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[]
}

/**
 * POSTs an operation as a client would, with the given `authorization`
 * header (none when undefined) or headers; returns the HTTP status with the parsed body.
 */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  authorization: string | Record<string, string> | undefined,
): Promise<GraphQLResponse<T>> {
  const headers = typeof authorization === 'string' ? { authorization } : (authorization ?? {})
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>
  return { status: response.status, ...body }
}
