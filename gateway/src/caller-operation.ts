import type { Request, Response } from 'express'
import { GraphQLError } from 'graphql'
import { PURPOSE_HEADER, purposeOf } from '../../subgraphs/kit/src/server.js'

const STATUS_OF: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 }

interface GraphQLAnswer<T> {
  data?: T | null
  errors?: { message: string; extensions?: { code?: string } }[]
}

/**
 * Runs a committed operation through the gateway's own endpoint with the caller's token and stated purpose, so that
 * each subgraph authorises it exactly as it would the query, and answers `pick(data)`. A bad purpose, an error or an
 * empty answer is sent to the client as JSON errors (with the status their code means, 404 for nothing found) and
 * undefined is returned.
 */
export async function runAsCaller<T, R>(
  req: Request,
  res: Response,
  graphqlUrl: string,
  operation: { query: string; variables: Record<string, unknown> },
  pick: (data: T) => R | null | undefined,
  notFound: string,
): Promise<R | undefined> {
  const purpose = req.headers[PURPOSE_HEADER]
  try {
    purposeOf(purpose)
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error
    const { http: _http, ...extensions } = error.extensions
    res.status(400).json({ errors: [{ message: error.message, extensions }] })
    return undefined
  }
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(typeof purpose === 'string' ? { [PURPOSE_HEADER]: purpose } : {}),
    },
    body: JSON.stringify(operation),
  })
  const body = (await response.json()) as GraphQLAnswer<T>
  const picked = body.data ? pick(body.data) : undefined
  if (body.errors?.length || picked === null || picked === undefined) {
    const code = body.errors?.[0]?.extensions?.code
    const status = code ? (STATUS_OF[code] ?? 502) : response.ok ? 404 : response.status
    res.status(status).json({ errors: body.errors ?? [{ message: notFound }] })
    return undefined
  }
  return picked
}
